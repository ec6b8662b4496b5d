export { ZNotificationsPage } from '../../../../packages/shared/src/api/notifications.ts';
