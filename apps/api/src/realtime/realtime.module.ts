import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { RealtimeEmitter } from './realtime-emitter';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [AccountsModule], providers: [RealtimeGateway, RealtimeEmitter], exports: [RealtimeEmitter] })
export class RealtimeModule {}
