import { MessagesSquare } from 'lucide-react';
import { PageHeader } from '../../components/page';
import { EmptyState } from '../../components/states';

export function ConversationsPage() {
  return (
    <>
      <PageHeader title="Conversations" />
      <EmptyState
        icon={MessagesSquare}
        title="Conversations arrive here"
        description="When customers write to your workspace by email or chat, their conversations show up in this inbox."
        className="py-24"
      />
    </>
  );
}
