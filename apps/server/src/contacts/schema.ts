export {
  ZContact,
  ZContactDetails,
  ZContactField,
  ZContactNote,
  ZContactNotes,
  ZContactsImportPreview,
  ZContactsImportResult,
} from '../../../../packages/shared/src/api/contacts.ts';
