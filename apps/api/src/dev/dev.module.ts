import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { DevSmsMessage } from '../sms/dev-sms-message.entity';
import { DevController } from './dev.controller';

@Module({ imports: [TypeOrmModule.forFeature([DevSmsMessage]), AccountsModule], controllers: [DevController] })
export class DevModule {}
