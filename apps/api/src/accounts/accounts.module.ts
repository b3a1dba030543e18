import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
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
      useFactory: (config: AppConfig) => ({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  controllers: [AuthController, MeController, AdminUsersController, AdminAccountsController],
  providers: [AccountsService, AccountAdminService, OtpService, TokensService, SessionEvents, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokensService, SessionEvents, AccountsService, OtpService],
})
export class AccountsModule {}
