// How the renderer writes an amount: '1,234.50 元', or '—' when there is none.
import { formatYuan } from '../../shared/money';

export const yuan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '—' : `${formatYuan(fen)} 元`;
