import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DevSmsMessage } from './dev-sms-message.entity';
import { DevSmsSender } from './dev-sms.sender';
import { SmsSender } from './sms-sender';

@Module({
  imports: [TypeOrmModule.forFeature([DevSmsMessage])],
  providers: [DevSmsSender, { provide: SmsSender, useExisting: DevSmsSender }],
  exports: [SmsSender],
})
export class SmsModule {}
