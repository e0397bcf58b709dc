import { Avatar } from 'antd';

const PALETTE = ['#1677ff', '#13c2c2', '#52c41a', '#fa8c16', '#eb2f96', '#722ed1', '#2f54eb', '#fa541c'];

function colourFor(key: string): string {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

/** Short icons (an emoji or a character) are shown as they are; anything else as the name's first letter. */
export function AppIcon({ appKey, name, icon, size = 48 }: { appKey: string; name: string; icon?: string | null; size?: number }) {
  const shortIcon = icon && [...icon].length <= 2 ? icon : undefined;
  return (
    <Avatar shape="square" size={size} style={{ backgroundColor: colourFor(appKey), flex: 'none' }} aria-hidden>
      {shortIcon ?? ([...name][0] ?? '?').toUpperCase()}
    </Avatar>
  );
}
