import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every time the platform shows is in China Standard Time, whatever the browser's zone. */
export const ZONE = 'Asia/Shanghai';

export function formatTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : dayjs(ms).tz(ZONE).format('YYYY-MM-DD HH:mm:ss');
}

export function formatDate(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : dayjs(ms).tz(ZONE).format('YYYY-MM-DD');
}

/** A wall-clock time picked in the UI, read as Beijing time, to epoch ms. */
export function shanghaiWallTimeToMs(value: dayjs.Dayjs): number {
  return dayjs.tz(value.format('YYYY-MM-DD HH:mm:ss'), ZONE).valueOf();
}
