import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { SmsModule } from '../sms/sms.module';
import { AccountAdminService } from './account-admin.service';
import { AccountsService } from './accounts.service';
import { AdminAccountsController } from './admin-accounts.controller';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { MeController } from './me.controller';
import { OtpService } from './otp.service';
import { SessionEvents } from './session-events';
import { TokensService } from './tokens.service';

@Module({
  imports: [
    SmsModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A key object, made once: given the secret as a string, jsonwebtoken first tries it as a
      // public key on every sign and verify (a thrown error each time, ≈2 ms a request; TARGETS P3).
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret)), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [AuthController, MeController, AdminUsersController, AdminAccountsController],
  providers: [AccountsService, AccountAdminService, OtpService, TokensService, SessionEvents, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokensService, SessionEvents, AccountsService, OtpService],
})
export class AccountsModule {}
