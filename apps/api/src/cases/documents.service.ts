import { Injectable } from '@nestjs/common';
import { UPLOAD_LIMITS, type DocumentKind, type DocumentView, type DocumentVisibility } from '@tiaojie/contracts';
import { createHash } from 'node:crypto';
import { AppException } from '../common/app-exception';
import { APPLICANT_EDITABLE_STATES, DOCUMENTS_CLOSED_STATES, inStates, mayListDocument } from '@tiaojie/domain';
import { audienceOf, isCaseStaff } from './case-access';
import { CaseLifecycleService } from './case-lifecycle.service';
import { documentView } from './case-views';
import { CasesService, type Viewer } from './cases.service';
import { attachmentVisible } from '../documents/attachment-visibility';
import { CaseDocument } from '../documents/case-document.entity';
import { isAllowedMime, safeFileName, sniff } from '../documents/file-sniffer';
import { FileStorage } from '../documents/storage';

/**
 * Case documents. The type is decided by the bytes (magic numbers) against an allow-list,
 * names are sanitised, the SHA-256 is kept, bytes go to the storage driver under a random
 * key, and every download is authorised and logged (R19).
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly cases: CasesService,
    private readonly lifecycle: CaseLifecycleService,
    private readonly storage: FileStorage,
  ) {}

  /**
   * `channelId`: an attachment inside a conversation channel; the caller has checked that the
   * viewer may send in it. It is not announced on the case timeline (which other parties and
   * the organisation read): the message that carries it is its record.
   */
  async upload(caseId: string, file: Express.Multer.File | undefined, kind: DocumentKind, visibility: DocumentVisibility, viewer: Viewer, options: { channelId?: string } = {}): Promise<DocumentView> {
    if (!file) throw AppException.field('VALIDATION_FAILED', 'file', 'isNotEmpty', 'Choose a file to upload');
    if (file.size === 0) throw AppException.field('VALIDATION_FAILED', 'file', 'notEmpty', 'The file is empty');
    const type = await sniff(file.buffer);
    if (!type || !isAllowedMime(type.mime)) {
      throw AppException.field('UNSUPPORTED_MEDIA_TYPE', 'file', 'fileType', 'This kind of file is not accepted: images, PDF, office documents, audio or video only');
    }
    if (type.mime.startsWith('image/') && file.size > UPLOAD_LIMITS.imageMaxBytes) {
      throw AppException.field('PAYLOAD_TOO_LARGE', 'file', 'maxSize', `Images may be at most ${UPLOAD_LIMITS.imageMaxBytes / 1024 / 1024} MB`);
    }
    if (kind === 'id_card' && !(type.mime.startsWith('image/') || type.mime === 'application/pdf')) {
      throw AppException.field('UNSUPPORTED_MEDIA_TYPE', 'file', 'fileType', 'An ID card must be an image or a PDF');
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const fileName = safeFileName(Buffer.from(file.originalname, 'latin1').toString('utf8'), type.ext, UPLOAD_LIMITS.fileNameMax);
    // Bytes first, then the row in one transaction; a failed transaction removes the bytes.
    const storageKey = await this.storage.put(file.buffer);
    try {
      return await this.cases.withAccess(caseId, viewer, 'upload_document', null, async (manager, c, relations) => {
        if (inStates(DOCUMENTS_CLOSED_STATES, c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', 'This case no longer takes documents');
        const side = (relations.parties[0]?.side ?? (relations.isFiler ? 'applicant' : isCaseStaff(relations) ? (relations.isAssignedMediator ? 'mediator' : 'staff') : null)) as
          CaseDocument['uploadedBySide'] | null;
        if (!side) throw new AppException('FORBIDDEN', 'You may not add documents to this case');
        if ((await manager.getRepository(CaseDocument).count({ where: { caseId } })) >= UPLOAD_LIMITS.perCase) {
          throw AppException.field('CONFLICT', 'file', 'perCase', `A case holds at most ${UPLOAD_LIMITS.perCase} documents`);
        }
        const doc = await manager.getRepository(CaseDocument).save({
          caseId,
          uploadedById: viewer.userId,
          uploadedBySide: side,
          kind,
          visibility,
          fileName,
          mimeType: type.mime,
          sizeBytes: file.size,
          sha256,
          storageKey,
          channelId: options.channelId ?? null,
        });
        if (options.channelId) return documentView(doc);
        // Documents kept to one side are announced to the organisation only.
        await this.lifecycle.appendEvent(manager, c, {
          type: 'document_uploaded',
          fromState: null,
          toState: null,
          actorId: viewer.userId,
          actorRole: side === 'mediator' ? 'mediator' : side === 'staff' ? 'org_admin' : 'citizen',
          audience: visibility === 'all_parties' ? 'case' : 'organisation',
          data: { documentId: doc.id, kind, fileName, side },
        });
        return documentView(doc);
      });
    } catch (e) {
      await this.storage.delete(storageKey).catch(() => undefined);
      throw e;
    }
  }

  /**
   * The filing form uploads each file at once, so removing one from the form removes it here:
   * only its uploader, only while the application is a draft or returned (before submission);
   * afterwards it is part of the record (R19). A removal is on the timeline like the upload.
   */
  async remove(caseId: string, documentId: string, viewer: Viewer): Promise<void> {
    const storageKey = await this.cases.withAccess(caseId, viewer, 'remove_document', documentId, async (manager, c, _relations, access) => {
      const repo = manager.getRepository(CaseDocument);
      const doc = await repo.findOne({ where: { id: documentId, caseId: c.id } });
      if (!doc || doc.channelId || doc.uploadedById !== viewer.userId) return access.deny();
      if (!inStates(APPLICANT_EDITABLE_STATES, c.state)) throw AppException.field('CONFLICT', 'state', 'wrongState', 'A document can be removed only before the application is submitted');
      await repo.delete({ id: doc.id });
      await this.lifecycle.appendEvent(manager, c, {
        type: 'document_removed',
        fromState: null,
        toState: null,
        actorId: viewer.userId,
        actorRole: doc.uploadedBySide === 'mediator' ? 'mediator' : doc.uploadedBySide === 'staff' ? 'org_admin' : 'citizen',
        audience: doc.visibility === 'all_parties' ? 'case' : 'organisation',
        data: { documentId: doc.id, kind: doc.kind, fileName: doc.fileName, side: doc.uploadedBySide },
      });
      return doc.storageKey;
    });
    // The bytes go once the row is gone; a failure here leaves only unreferenced bytes.
    await this.storage.delete(storageKey).catch(() => undefined);
  }

  async download(caseId: string, documentId: string, viewer: Viewer) {
    return this.cases.withAccess(caseId, viewer, 'download_document', documentId, async (manager, c, relations, access) => {
      const doc = await manager.getRepository(CaseDocument).findOne({ where: { id: documentId, caseId: c.id } });
      if (!doc) return access.deny();
      // R15: an attachment inside a conversation follows the channel, not the case's document
      // rules — another party, or organisation staff outside the channel, get the same 404 as
      // for a missing document (and the refusal is logged with the other case accesses, R19).
      if (doc.channelId) {
        const visible = await attachmentVisible(manager, doc, { isMediator: relations.isActiveMediator, ownPartyIds: relations.parties.map((p) => p.id) });
        if (!visible) return access.deny();
        return { doc, bytes: await this.storage.get(doc.storageKey) };
      }
      // The one document rule of the case's lists (R15); the same answer as a missing document:
      // nothing tells another party it exists.
      if (!mayListDocument(audienceOf(relations), doc)) return access.deny();
      return { doc, bytes: await this.storage.get(doc.storageKey) };
    });
  }
}
