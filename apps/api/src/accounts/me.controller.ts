import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { MeQuery, NotificationPreferences, UserProfile } from '@tiaojie/contracts';
import { NotificationPreferencesDto } from './dto/preferences.dto';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AccountsService, preferencesOf } from './accounts.service';
import { AppException } from '../common/app-exception';
import { AuthOptional, CurrentAuth, type AuthedRequest } from './auth.guard';
import { ChangePasswordDto, RealNameDto, UpdateProfileDto } from './dto/profile.dto';
import type { AuthContext } from './tokens.service';

/** `true` and `false` as the query string spells them; anything else is left for @IsBoolean to refuse. */
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

class MeQueryDto implements MeQuery {
  @ApiPropertyOptional({ description: 'true: 204 (not 401) for a visitor with no credentials at all' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'optional must be true or false' })
  optional?: boolean;
}

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  /**
   * The logged-in user. `optional=true` (the web's first load): a visitor with no credentials
   * at all gets 204, not a 401 in every anonymous page's console; a credential that does not
   * work is still a 401, so an expired session is refreshed as before.
   */
  @Get()
  @AuthOptional()
  async me(@Req() req: AuthedRequest, @Query() q: MeQueryDto, @Res({ passthrough: true }) res: Response): Promise<UserProfile | undefined> {
    if (!req.auth) {
      if (!q.optional) throw new AppException('UNAUTHENTICATED', 'Log in first');
      res.status(204);
      return undefined;
    }
    return this.accounts.profile(req.auth.userId);
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
