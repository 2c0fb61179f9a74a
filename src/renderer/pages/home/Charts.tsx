// Plain SVG bar charts (no chart library): values by village and by month, with a text table for screen readers.
import { Text } from '@mantine/core';

export interface Bar {
  label: string;
  value: number;
  /** Text shown above the bar (the value formatted). */
  text: string;
}

export function BarChart({ title, bars, color = '#228be6' }: { title: string; bars: Bar[]; color?: string }) {
  const width = 640;
  const height = 220;
  const pad = { left: 8, right: 8, top: 22, bottom: 48 };
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = bars.length > 0 ? (width - pad.left - pad.right) / bars.length : 0;
  const barW = Math.max(4, Math.min(40, slot * 0.6));
  const inner = height - pad.top - pad.bottom;
  if (bars.length === 0) return <Text c="dimmed">无数据</Text>;
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        <line x1={pad.left} x2={width - pad.right} y1={height - pad.bottom} y2={height - pad.bottom} stroke="#adb5bd" />
        {bars.map((b, i) => {
          const h = (b.value / max) * inner;
          const x = pad.left + slot * i + (slot - barW) / 2;
          const y = height - pad.bottom - h;
          return (
            <g key={`${b.label}-${i}`}>
              <rect x={x} y={y} width={barW} height={h} fill={color} rx={2}>
                <title>{`${b.label}：${b.text}`}</title>
              </rect>
              {bars.length <= 16 && (
                <text x={x + barW / 2} y={y - 4} fontSize={10} textAnchor="middle" fill="#495057">
                  {b.text}
                </text>
              )}
              <text
                x={x + barW / 2}
                y={height - pad.bottom + 12}
                fontSize={10}
                textAnchor="end"
                transform={`rotate(-35 ${x + barW / 2} ${height - pad.bottom + 12})`}
                fill="#495057"
              >
                {b.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <Text size="sm" ta="center">
          {title}
        </Text>
      </figcaption>
    </figure>
  );
}
