// Plain inputs kept in a component's state: the value and the change handler in one spread.
export const bindText = (value: string, set: (v: string) => void) => ({
  value,
  onChange: (e: { currentTarget: { value: string } }) => set(e.currentTarget.value),
});

export const bindCheck = (checked: boolean, set: (v: boolean) => void) => ({
  checked,
  onChange: (e: { currentTarget: { checked: boolean } }) => set(e.currentTarget.checked),
});
