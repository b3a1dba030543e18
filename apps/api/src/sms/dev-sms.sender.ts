import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DevSmsMessage } from './dev-sms-message.entity';
import { SmsMessage, SmsSender } from './sms-sender';

/** Records instead of sending: developers read the codes at /dev/sms or in the seed output. */
@Injectable()
export class DevSmsSender extends SmsSender {
  constructor(@InjectRepository(DevSmsMessage) private readonly messages: Repository<DevSmsMessage>) {
    super();
  }

  async send(message: SmsMessage) {
    const row = await this.messages.save(this.messages.create({ mobile: message.mobile, body: message.body }));
    return { providerMessageId: row.id };
  }
}
