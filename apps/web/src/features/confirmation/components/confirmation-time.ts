import dayjs from 'dayjs';

/** The confirmation section shows times to the minute, in the viewer's local time. */
export const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
