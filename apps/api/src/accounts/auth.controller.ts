import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthResponse, RequestOtpResponse } from '@tiaojie/contracts';
import type { Response } from 'express';
import { AppException } from '../common/app-exception';
import { Meta, type RequestMeta } from '../common/request-meta';
import { AppConfig } from '../config/app-config';
import { AccountsService } from './accounts.service';
import { AuthedRequest, Public, REFRESH_COOKIE, accessTokenFrom } from './auth.guard';
import { clearSessionCookies, respondWithSession } from './cookies';
import { OtpLoginDto, PasswordLoginDto, RefreshDto, RegisterDto, RequestOtpDto } from './dto/auth.dto';
import { OtpService } from './otp.service';
import { TokensService } from './tokens.service';

@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard) // per client address; per-number limits live in the services
@Public()
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly otp: OtpService,
    private readonly tokens: TokensService,
    private readonly config: AppConfig,
  ) {}

  @Post('otp')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a one-time code by SMS (same answer whether or not the number is registered)' })
  requestOtp(@Body() dto: RequestOtpDto): Promise<RequestOtpResponse> {
    return this.otp.request(dto.mobile, dto.purpose, dto.locale);
  }

  @Post('register')
  @ApiOperation({ summary: 'Register with a mobile number proven by a code, and a password' })
  async register(@Body() dto: RegisterDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<AuthResponse> {
    return respondWithSession(res, this.config, await this.accounts.register(dto, meta), dto.transport);
  }

  @Post('login/password')
  @HttpCode(200)
  async loginWithPassword(@Body() dto: PasswordLoginDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<AuthResponse> {
    return respondWithSession(res, this.config, await this.accounts.loginWithPassword(dto, meta), dto.transport);
  }

  @Post('login/otp')
  @HttpCode(200)
  async loginWithOtp(@Body() dto: OtpLoginDto, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<AuthResponse> {
    return respondWithSession(res, this.config, await this.accounts.loginWithOtp(dto.mobile, dto.code, meta, dto.locale), dto.transport);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh token (cookie for the web, body for API clients)' })
  async refresh(@Body() dto: RefreshDto, @Req() req: AuthedRequest, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<AuthResponse> {
    const token = dto.refreshToken ?? req.cookies?.[REFRESH_COOKIE];
    if (!token) throw new AppException('UNAUTHENTICATED', 'No refresh token');
    try {
      const { tokens, user } = await this.tokens.refresh(token, meta);
      return respondWithSession(res, this.config, { tokens, user: await this.accounts.profile(user.id) }, dto.transport ?? (dto.refreshToken ? 'api' : 'web'));
    } catch (e) {
      clearSessionCookies(res, this.config);
      throw e;
    }
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: AuthedRequest, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: Response): Promise<void> {
    clearSessionCookies(res, this.config);
    const token = accessTokenFrom(req);
    if (!token) return;
    // Logging out with an expired access token still ends the session named in it.
    const auth = await this.tokens.authenticate(token).catch(() => null);
    if (auth) await this.accounts.logout(auth.userId, auth.sessionId, meta);
  }
}
