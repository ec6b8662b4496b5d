import { errorMessage, isForbidden } from '../../api/api-error';
import { useApiTokens } from '../../api/api-tokens';
import { useSession } from '../../api/session';
import { PageBody, PageHeader } from '../../components/page';
import { AccessDeniedPage } from '../../components/states';
import { ApiTokenList } from './api-token-list';
import { CreateApiToken } from './create-api-token';

export function ApiTokensPage() {
  const tokens = useApiTokens();
  const session = useSession();
  const scope =
    session.data?.role === 'owner'
      ? 'Every token of the workspace, whoever created it.'
      : 'The tokens you created; owners see every token.';

  if (isForbidden(tokens.error)) {
    return <AccessDeniedPage title="API tokens" message={errorMessage(tokens.error)} />;
  }

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let your own code call the Parley API on behalf of this workspace."
      />
      <PageBody>
        <CreateApiToken />
        <ApiTokenList
          query={tokens}
          description={`${scope} A token never does more than its creator may do now, and stops working when they leave.`}
        />
      </PageBody>
    </>
  );
}
