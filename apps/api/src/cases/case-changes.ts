import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEmitter } from 'node:events';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';

const KEY = 'tiaojie:changedCases';

/**
 * Tells the socket gateway, after a transaction COMMITS, which cases changed, so it re-derives
 * who may use which channel on open connections (a reassigned mediator or a removed agent
 * loses access at once). Writers call `mark(manager, caseId)` inside their transaction.
 */
@Injectable()
export class CaseChanges extends EventEmitter implements EntitySubscriberInterface {
  constructor(@InjectDataSource() db: DataSource) {
    super();
    db.subscribers.push(this);
  }

  mark(manager: EntityManager, caseId: string) {
    const qr = manager.queryRunner;
    if (!qr) {
      this.emit('changed', caseId);
      return;
    }
    const set: Set<string> = (qr.data[KEY] ??= new Set<string>());
    set.add(caseId);
  }

  afterTransactionCommit(event: TransactionCommitEvent) {
    const set = event.queryRunner.data?.[KEY] as Set<string> | undefined;
    if (!set) return;
    delete event.queryRunner.data[KEY];
    for (const caseId of set) this.emit('changed', caseId);
  }

  afterTransactionRollback(event: TransactionCommitEvent) {
    if (event.queryRunner.data) delete event.queryRunner.data[KEY];
  }
}
