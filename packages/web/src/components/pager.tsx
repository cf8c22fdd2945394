/** Previous/next paging for server-paged lists, with the range shown as text. */
import type { ReactNode } from 'react';

export function Pager(props: {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly label: string;
  readonly onPage: (page: number) => void;
}): ReactNode {
  const { page, pageSize, total } = props;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={`${props.label} pages`}>
      <p>{total === 0 ? 'No results' : `${from}–${to} of ${total}`}</p>
      <button
        type="button"
        className="button"
        disabled={page <= 1}
        onClick={() => {
          props.onPage(page - 1);
        }}
      >
        Previous page
      </button>
      <button
        type="button"
        className="button"
        disabled={page >= last}
        onClick={() => {
          props.onPage(page + 1);
        }}
      >
        Next page
      </button>
    </nav>
  );
}
