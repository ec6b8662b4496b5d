import { ListChecks } from 'lucide-react';
import { useId } from 'react';
import { errorMessage, isForbidden } from '../../api/api-error';
import { useJobs } from '../../api/jobs';
import { JOB_STATES, type JobState, type Session } from '../../api/types';
import { JOB_STATE_LABEL, JobStateBadge } from '../../components/badge';
import { Button } from '../../components/button';
import { Select } from '../../components/field';
import { PageBody, PageHeader, Section } from '../../components/page';
import { AccessDenied, EmptyState, ErrorState, LoadingState, Spinner } from '../../components/states';
import { Table, Td, Th } from '../../components/table';
import { browserTimeZone, useDateFormat } from '../../lib/date-format';

type Props = { session: Session; state: JobState | null; onStateChange: (state: JobState | null) => void };

export function JobsPage({ session, state, onStateChange }: Props) {
  const jobs = useJobs(state);
  const stateFilterId = useId();
  const formatDate = useDateFormat();
  const timeZone = session.user.timeZone || browserTimeZone();

  if (isForbidden(jobs.error)) {
    return (
      <>
        <PageHeader title="Background jobs" />
        <AccessDenied message={errorMessage(jobs.error)} />
      </>
    );
  }

  const counts = jobs.data?.counts ?? null;
  return (
    <>
      <PageHeader
        title="Background jobs"
        description="Work Parley does outside of requests, such as sending email. Updates every few seconds."
      />
      <PageBody>
        <section aria-label="Job counts" className="grid grid-cols-6 gap-3">
          {JOB_STATES.map((jobState) => {
            const isSelected = state === jobState;
            return (
              <button
                key={jobState}
                type="button"
                aria-pressed={isSelected}
                onClick={() => onStateChange(isSelected ? null : jobState)}
                className={`rounded-card border px-3.5 py-3 text-left shadow-card transition-colors ${
                  isSelected
                    ? 'border-accent bg-accent-soft'
                    : 'border-line bg-surface hover:border-line-strong hover:bg-surface-muted'
                }`}
              >
                <span className="block text-fg-muted text-xs">{JOB_STATE_LABEL[jobState]}</span>
                <span className="mt-0.5 block font-semibold text-fg text-xl tabular-nums">
                  {counts ? counts[jobState].toLocaleString() : '–'}
                </span>
              </button>
            );
          })}
        </section>

        <Section
          id="jobs"
          title={state ? `${JOB_STATE_LABEL[state]} jobs` : 'All jobs'}
          description={`Times in ${timeZone.replaceAll('_', ' ')}, from your profile.`}
          actions={
            <div className="flex items-center gap-2">
              {jobs.isFetching && !jobs.isPending ? <Spinner /> : null}
              <label htmlFor={stateFilterId} className="text-[0.8125rem] text-fg-muted">
                State
              </label>
              <Select
                id={stateFilterId}
                className="w-36"
                value={state ?? ''}
                onChange={(event) => onStateChange((event.target.value || null) as JobState | null)}
              >
                <option value="">All states</option>
                {JOB_STATES.map((jobState) => (
                  <option key={jobState} value={jobState}>
                    {JOB_STATE_LABEL[jobState]}
                  </option>
                ))}
              </Select>
            </div>
          }
          isFlush
        >
          {jobs.isPending ? (
            <LoadingState label="Loading jobs…" />
          ) : jobs.isError ? (
            <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
          ) : jobs.data.items.length === 0 ? (
            <EmptyState
              icon={ListChecks}
              title={state ? `No ${JOB_STATE_LABEL[state].toLowerCase()} jobs` : 'No jobs yet'}
              description={
                state
                  ? 'Choose another state to see more.'
                  : 'Jobs appear here when Parley sends email or runs tasks.'
              }
              className="py-10"
            />
          ) : (
            <>
              <Table label="Background jobs">
                <thead>
                  <tr>
                    <Th>Name</Th>
                    <Th>State</Th>
                    <Th className="text-right">Retries</Th>
                    <Th>Created</Th>
                    <Th>Completed</Th>
                  </tr>
                </thead>
                <tbody>
                  {jobs.data.items.map((job) => (
                    <tr key={job.id} className="group hover:bg-surface-muted/50">
                      <Td>
                        <span className="font-medium font-mono text-[0.8125rem]">{job.name}</span>
                      </Td>
                      <Td>
                        <JobStateBadge state={job.state} />
                      </Td>
                      <Td className="text-right text-fg-muted tabular-nums">{job.retryCount}</Td>
                      <Td className="whitespace-nowrap text-fg-muted">
                        <time dateTime={job.createdOn}>{formatDate(job.createdOn)}</time>
                      </Td>
                      <Td className="whitespace-nowrap text-fg-muted">
                        {job.completedOn ? (
                          <time dateTime={job.completedOn}>{formatDate(job.completedOn)}</time>
                        ) : (
                          '—'
                        )}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {jobs.hasNextPage ? (
                <div className="border-line border-t px-5 py-3">
                  <Button
                    size="sm"
                    onClick={() => void jobs.fetchNextPage()}
                    isPending={jobs.isFetchingNextPage}
                  >
                    Show more jobs
                  </Button>
                </div>
              ) : null}
            </>
          )}
        </Section>
      </PageBody>
    </>
  );
}
