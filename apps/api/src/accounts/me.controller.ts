import { Body, Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { NotificationPreferences, UserProfile } from '@tiaojie/contracts';
import { NotificationPreferencesDto } from './dto/preferences.dto';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AccountsService, preferencesOf } from './accounts.service';
import { CurrentAuth } from './auth.guard';
import { ChangePasswordDto, RealNameDto, UpdateProfileDto } from './dto/profile.dto';
import type { AuthContext } from './tokens.service';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  me(@CurrentAuth() auth: AuthContext): Promise<UserProfile> {
    return this.accounts.profile(auth.userId);
  }

  @Patch()
  update(@CurrentAuth() auth: AuthContext, @Body() dto: UpdateProfileDto, @Meta() meta: RequestMeta): Promise<UserProfile> {
    return this.accounts.updateProfile(auth.userId, dto, meta);
  }

  @Put('real-name')
  realName(@CurrentAuth() auth: AuthContext, @Body() dto: RealNameDto, @Meta() meta: RequestMeta): Promise<UserProfile> {
    return this.accounts.setRealName(auth.userId, dto, meta);
  }

  @Get('notification-preferences')
  preferences(@CurrentAuth() auth: AuthContext): NotificationPreferences {
    return preferencesOf(auth.user);
  }

  @Put('notification-preferences')
  setPreferences(@CurrentAuth() auth: AuthContext, @Body() dto: NotificationPreferencesDto, @Meta() meta: RequestMeta): Promise<NotificationPreferences> {
    return this.accounts.setPreferences(auth.userId, dto, meta);
  }

  @Post('password')
  @HttpCode(204)
  async password(@CurrentAuth() auth: AuthContext, @Body() dto: ChangePasswordDto, @Meta() meta: RequestMeta): Promise<void> {
    await this.accounts.changePassword(auth.userId, auth.sessionId, dto, meta);
  }
}
