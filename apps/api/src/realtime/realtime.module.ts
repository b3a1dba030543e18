import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [AccountsModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
