// 户与成员: the household list. Search by name, ID number (full or the last digits) or pinyin initials as the clerk
// types (debounced), filters, and a virtualised list that fetches only the pages in view — 50,000 people scroll
// without loading the table.
import { Badge, Button, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { Category, HouseholdRow } from '../../../shared/api/cases';
import { call } from '../../api';
import { notifyError } from '../../lib/notify';
import { navigate } from '../../lib/router';
import { SessionContext } from '../../lib/session';
import { catLabel, categoryOptions, householdCaseStatus } from './common';
import { VillageFilter } from '../../lib/listing';
import { bindText } from '../../lib/bind';
import { choices } from '../../lib/form';

const PAGE = 100;
const ROW_HEIGHT = 44;

interface Filters {
  q: string;
  villageId: string | null;
  category: Category | null;
  caseStatus: keyof typeof householdCaseStatus | null;
  due: 'overdue' | 'soon' | null;
}

/** Rows fetched page by page as they scroll into view; a new query starts a new generation and drops the old pages. */
export function usePagedRows(filters: Filters) {
  const [total, setTotal] = useState<number | null>(null);
  const [rows, setRows] = useState<Map<number, HouseholdRow>>(new Map());
  const pages = useRef(new Set<number>());
  const gen = useRef(0);
  const key = JSON.stringify(filters);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page)) return;
      pages.current.add(page);
      const mine = gen.current;
      const f = JSON.parse(key) as Filters;
      call('households.list', {
        q: f.q.trim() || undefined,
        villageId: f.villageId ?? undefined,
        category: f.category ?? undefined,
        caseStatus: f.caseStatus ?? undefined,
        due: f.due ?? undefined,
        offset: page * PAGE,
        limit: PAGE,
      }).then(
        (r) => {
          if (mine !== gen.current) return;
          setTotal(r.total);
          setRows((prev) => {
            const next = new Map(prev);
            r.rows.forEach((row, i) => next.set(page * PAGE + i, row));
            return next;
          });
        },
        (e: unknown) => {
          if (mine !== gen.current) return;
          pages.current.delete(page);
          notifyError(e, '查询失败');
          setTotal((t) => t ?? 0);
        },
      );
    },
    [key],
  );

  useEffect(() => {
    gen.current++;
    pages.current = new Set();
    setRows(new Map());
    setTotal(null);
    load(0);
  }, [load]);

  return { total, rows, load };
}

/**
 * The list's search terms and filters, kept for the browser session and the user so Back returns to the same list
 * (issue 20); another user logging in on the same PC does not see them.
 */
function kept(KEPT: string): { q: string; filters: Omit<Filters, 'q'> } {
  const empty = { q: '', filters: { villageId: null, category: null, caseStatus: null, due: null } };
  try {
    const v = JSON.parse(sessionStorage.getItem(KEPT) ?? 'null') as typeof empty | null;
    return v && typeof v.q === 'string' && v.filters ? v : empty;
  } catch {
    return empty;
  }
}

export function HouseholdList() {
  const session = useContext(SessionContext);
  const KEPT = `cases.households.search:${session?.user.id ?? ''}`;
  const [q, setQ] = useState(() => kept(KEPT).q);
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [filters, setFilters] = useState<Omit<Filters, 'q'>>(() => kept(KEPT).filters);
  useEffect(() => {
    sessionStorage.setItem(KEPT, JSON.stringify({ q, filters }));
  }, [KEPT, q, filters]);
  const { total, rows, load } = usePagedRows({ q: debouncedQ, ...filters });
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index;
  const last = items[items.length - 1]?.index;
  useEffect(() => {
    if (first === undefined || last === undefined) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) load(p);
  }, [first, last, load]);
  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [debouncedQ, filters]);

  const cols = '1.1fr 1.3fr 1.6fr 0.6fr 2fr 0.9fr 1.1fr';
  return (
    <Stack h="calc(100vh - 90px)" gap="sm">
      <Group justify="space-between">
        <Title order={2}>户与成员</Title>
        <Button onClick={() => navigate('/cases/households/new')}>新建户</Button>
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label="查找"
          placeholder="姓名、身份证号（可只输后几位）或拼音首字母，如 zs"
          {...bindText(q, setQ)}
          w={320}
          aria-label="查找户"
        />
        <VillageFilter active value={filters.villageId} onChange={(v) => setFilters({ ...filters, villageId: v })} />
        <Select
          label="保障类别"
          data={categoryOptions}
          value={filters.category}
          onChange={(v) => setFilters({ ...filters, category: v as Category | null })}
          clearable
          w={180}
        />
        <Select
          label="救助状态"
          data={Object.entries(householdCaseStatus).map(([value, l]) => ({ value, label: l }))}
          value={filters.caseStatus}
          onChange={(v) => setFilters({ ...filters, caseStatus: v as Filters['caseStatus'] })}
          clearable
          w={130}
        />
        <Select
          label="办理期限"
          data={choices({ overdue: '已逾期', soon: '即将到期' })}
          value={filters.due}
          onChange={(v) => setFilters({ ...filters, due: v as Filters['due'] })}
          clearable
          w={130}
        />
      </Group>
      <Text size="sm" c="dimmed" aria-live="polite">
        {total === null ? '正在查询…' : `共 ${total} 户`}
      </Text>
      <div
        role="table"
        aria-label="户列表"
        style={{
          flex: 1,
          minHeight: 200,
          display: 'flex',
          flexDirection: 'column',
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 4,
        }}
      >
        <div
          role="row"
          style={{
            display: 'grid',
            gridTemplateColumns: cols,
            columnGap: 16,
            fontWeight: 600,
            padding: '8px 12px',
            background: 'var(--mantine-color-gray-0)',
            borderBottom: '1px solid var(--mantine-color-gray-3)',
          }}
        >
          <span role="columnheader">户主</span>
          <span role="columnheader">身份证号</span>
          <span role="columnheader">村(社区)</span>
          <span role="columnheader">人口</span>
          <span role="columnheader">保障类别</span>
          <span role="columnheader">状态</span>
          <span role="columnheader">下次期限</span>
        </div>
        <div ref={scrollRef} style={{ flex: 1, overflow: 'auto' }} data-testid="household-scroll">
          {total === 0 && (
            <Text p="md" c="dimmed">
              没有符合条件的户
            </Text>
          )}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((vi) => {
              const r = rows.get(vi.index);
              return (
                <div
                  key={vi.key}
                  role="row"
                  aria-rowindex={vi.index + 2}
                  onClick={() => r && navigate(`/cases/households/${r.id}`)}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${vi.start}px)`,
                    display: 'grid',
                    gridTemplateColumns: cols,
                    columnGap: 16,
                    alignItems: 'center',
                    padding: '0 12px',
                    borderBottom: '1px solid var(--mantine-color-gray-2)',
                    cursor: r ? 'pointer' : 'default',
                  }}
                >
                  {r ? (
                    <>
                      <span role="cell">
                        <a href={`#/cases/households/${r.id}`} onClick={(e) => e.stopPropagation()}>
                          {r.headName ?? '（无户主）'}
                        </a>
                        {r.matchedMember && (
                          <Text span size="xs" c="dimmed" ml={4}>
                            匹配：{r.matchedMember}
                          </Text>
                        )}
                      </span>
                      <span
                        role="cell"
                        style={{
                          fontFamily: 'monospace',
                          overflow: 'hidden',
                          textOverflow: 'ellipsis',
                          whiteSpace: 'nowrap',
                        }}
                      >
                        {r.headIdMasked ?? '—'}
                      </span>
                      <span role="cell">{r.villageName}</span>
                      <span role="cell">{r.size}</span>
                      <span role="cell">
                        <Group gap={4}>
                          {r.categories.map((c) => (
                            <Badge key={c} size="sm" variant="light">
                              {catLabel(c)}
                            </Badge>
                          ))}
                        </Group>
                      </span>
                      <span role="cell">{householdCaseStatus[r.caseStatus]}</span>
                      <span role="cell">
                        {r.nextDueOn ? (
                          <Text size="sm" c={r.overdue ? 'red' : undefined}>
                            {r.nextDueOn}
                            {r.overdue ? '（逾期）' : ''}
                          </Text>
                        ) : (
                          '—'
                        )}
                      </span>
                    </>
                  ) : (
                    <span role="cell">
                      <Loader size="xs" />
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </Stack>
  );
}
