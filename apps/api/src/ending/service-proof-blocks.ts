import type { ServiceProofView } from '@tiaojie/contracts';
import { KIND_ZH, STATUS_ZH } from '../cases/electronic-service.controller';
import type { PdfBlock } from '../pdf/pdf-renderer';
import { chinaMinuteOf } from '@tiaojie/domain';

/** China time, to the minute. */
const chinaTime = (iso: string | null) => (iso ? chinaMinuteOf(iso) : '');

/** R40: the proofs of service (送达回证) as a section of a case file (escalation package, archive). */
export function serviceProofBlocks(heading: string, proofs: readonly ServiceProofView[]): PdfBlock[] {
  return [
    { type: 'heading', text: heading },
    proofs.length
      ? {
          type: 'table',
          columns: ['送达文书', '受送达人', '送达地址', '发送时间', '送达时间', '查阅时间', '状态'],
          widths: [1.3, 1, 1.4, 1.2, 1.2, 1.2, 1.3],
          rows: proofs.map((p) => [
            KIND_ZH[p.kind] ?? p.kind,
            p.partyName,
            p.address ?? '—',
            chinaTime(p.sentAt) || '—',
            chinaTime(p.deliveredAt) || '—',
            chinaTime(p.openedAt) || '—',
            STATUS_ZH[p.status] ?? p.status,
          ]),
        }
      : { type: 'paragraph', text: '无电子送达的文书。' },
  ];
}
