import type { ImportField, ImportPreview } from '../../../api/contacts';

export const FIELD_LABEL: Record<ImportField, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  externalId: 'External id',
  attribute: 'Custom attribute',
  ignore: 'Don’t import',
};

export const ENCODING_LABEL: Record<ImportPreview['encoding'], string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Excel)',
};

export const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;
