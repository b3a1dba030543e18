import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DevSmsMessage } from './dev-sms-message.entity';
import { SmsLookupOutcome, SmsLookupQuery, SmsMessage, SmsSender } from './sms-sender';

/**
 * Records instead of sending: developers read the codes at /dev/sms or in the seed output.
 * Idempotent like a provider that honours a request id: a second message with the same
 * de-duplication key is not recorded again.
 */
@Injectable()
export class DevSmsSender extends SmsSender {
  readonly idempotent = true;

  constructor(@InjectRepository(DevSmsMessage) private readonly messages: Repository<DevSmsMessage>) {
    super();
  }

  async send(message: SmsMessage) {
    if (message.dedupKey) {
      await this.messages.createQueryBuilder().insert().values({ mobile: message.mobile, body: message.body, dedupKey: message.dedupKey }).orIgnore().execute();
      const row = await this.messages.findOneByOrFail({ dedupKey: message.dedupKey });
      return { providerMessageId: row.id };
    }
    const row = await this.messages.save(this.messages.create({ mobile: message.mobile, body: message.body, dedupKey: null }));
    return { providerMessageId: row.id };
  }

  /** Answers from its own table: every message it took is recorded under its de-duplication key. */
  async lookup(query: SmsLookupQuery): Promise<SmsLookupOutcome> {
    const row = await this.messages.findOneBy({ dedupKey: query.dedupKey });
    return row ? { outcome: 'accepted', providerMessageId: row.id } : { outcome: 'absent' };
  }
}
