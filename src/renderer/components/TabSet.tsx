// Tabs of a record or a settings page, given as [value, label, panel] (false for a tab the user does not see).
// Panels are mounted only while shown, so a tab loads its data when it is opened.
import { Stack, Tabs, Title, type TabsProps } from '@mantine/core';
import type { ReactNode } from 'react';

export type TabDef = [value: string, label: ReactNode, panel: ReactNode];

export function TabSet(props: { tabs: (TabDef | false)[]; pt?: string } & Omit<TabsProps, 'children'>) {
  const { tabs, pt = 'md', ...rest } = props;
  const shown = tabs.filter((t): t is TabDef => t !== false);
  return (
    <Tabs keepMounted={false} defaultValue={shown[0]?.[0]} {...rest}>
      <Tabs.List>
        {shown.map(([value, label]) => (
          <Tabs.Tab key={value} value={value}>
            {label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {shown.map(([value, , panel]) => (
        <Tabs.Panel key={value} value={value} pt={pt}>
          {panel}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

/** A page that is a title over tabs. */
export function TabbedPage(props: { title: string; tabs: (TabDef | false)[] }) {
  return (
    <Stack>
      <Title order={2}>{props.title}</Title>
      <TabSet tabs={props.tabs} />
    </Stack>
  );
}
