import { Upload } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { ChooseFile } from './import-contacts/choose-file-step';
import { ImportDone } from './import-contacts/import-done-step';
import { ImportProgress } from './import-contacts/import-progress';
import { PreviewStep } from './import-contacts/preview-step';
import { type ImportStep, useContactsImport } from './import-contacts/use-contacts-import';

/**
 * "Import CSV" (admins): pick a file → preview with the column mapping (change what a column fills)
 * and every row's problem → "Import N contacts" with upload progress → what was created and updated.
 * Closing the dialog while importing lets the import finish; opening it again shows the result.
 */
export function ImportContactsButton() {
  const [isOpen, setIsOpen] = useState(false);
  const wizard = useContactsImport();
  const { step } = wizard;

  const close = () => {
    setIsOpen(false);
    // An import in flight keeps going (and is shown when the dialog opens again); the rest is dropped.
    if (!wizard.isImporting) {
      wizard.reset();
    }
  };

  return (
    <>
      {/* Not disabled while importing: it reopens the dialog to follow the import. */}
      <Button icon={Upload} onClick={() => setIsOpen(true)}>
        {wizard.isImporting ? 'Importing…' : 'Import CSV'}
      </Button>
      <Dialog
        isOpen={isOpen}
        onClose={close}
        size="lg"
        title={step.name === 'done' ? 'Import finished' : 'Import contacts'}
        description={
          step.name === 'choose' || step.name === 'checking'
            ? 'Upload a CSV file with a header row. Columns are matched to contact fields by their names; you can change the matching before anything is imported.'
            : undefined
        }
      >
        <ImportStepView step={step} wizard={wizard} onDone={close} />
      </Dialog>
    </>
  );
}

function ImportStepView({
  step,
  wizard,
  onDone,
}: {
  step: ImportStep;
  wizard: ReturnType<typeof useContactsImport>;
  onDone: () => void;
}): ReactNode {
  switch (step.name) {
    case 'done':
      return <ImportDone result={step.result} onDone={onDone} onAnother={wizard.reset} />;
    case 'importing':
      return <ImportProgress progress={step.progress} fileName={step.fileName} action="Importing" />;
    case 'preview':
      return (
        <PreviewStep
          fileName={step.fileName}
          preview={step.preview}
          mapping={step.mapping}
          isChecking={step.isChecking}
          checkError={step.checkError}
          importError={step.importError}
          onRemap={wizard.remap}
          onChooseAnother={wizard.reset}
          onImport={wizard.start}
        />
      );
    case 'checking':
      return <ImportProgress progress={step.progress} fileName={step.fileName} action="Checking" />;
    case 'choose':
      return <ChooseFile error={step.error} onChoose={wizard.choose} />;
  }
}
