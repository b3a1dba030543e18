import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { NotificationPreferences } from '@tiaojie/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, Matches, ValidateNested } from 'class-validator';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class QuietHoursDto {
  @ApiProperty({ example: '22:00' })
  @Matches(HHMM, { message: 'must be a time HH:MM' })
  start!: string;

  @ApiProperty({ example: '08:00' })
  @Matches(HHMM, { message: 'must be a time HH:MM' })
  end!: string;
}

export class NotificationPreferencesDto implements NotificationPreferences {
  @ApiProperty()
  @IsBoolean()
  sms!: boolean;

  @ApiProperty()
  @IsBoolean()
  email!: boolean;

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours!: QuietHoursDto | null;
}
