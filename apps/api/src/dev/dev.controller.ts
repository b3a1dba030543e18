import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { MOBILE_PATTERN, type DevSmsMessage as DevSmsView, type DevSmsQuery } from '@tiaojie/contracts';
import { IsOptional, Matches } from 'class-validator';
import { Repository } from 'typeorm';
import { Public } from '../accounts/auth.guard';
import { OtpService } from '../accounts/otp.service';
import { DevSmsMessage } from '../sms/dev-sms-message.entity';

class DevSmsQueryDto implements DevSmsQuery {
  @IsOptional()
  @Matches(MOBILE_PATTERN, { message: 'must be a mainland mobile number (11 digits)' })
  mobile?: string;
}

/**
 * Development only (DEV_TOOLS): the messages the development SMS sender recorded, so a
 * developer can log in with a code. Not registered at all in production.
 */
@ApiTags('dev')
@Controller('dev')
@Public()
export class DevController {
  constructor(
    @InjectRepository(DevSmsMessage) private readonly messages: Repository<DevSmsMessage>,
    private readonly otp: OtpService,
  ) {}

  @Get('sms')
  async sms(@Query() query: DevSmsQueryDto): Promise<DevSmsView[]> {
    // Codes are sent after the request is answered: list them once this instance's are out.
    await this.otp.settled();
    const rows = await this.messages.find({
      where: query.mobile ? { mobile: query.mobile } : {},
      order: { createdAt: 'DESC' },
      take: 50,
    });
    return rows.map((m) => ({ id: m.id, mobile: m.mobile, body: m.body, createdAt: m.createdAt.toISOString() }));
  }
}
