import type { RateCaseRequest } from '@tiaojie/contracts';
import { RATING_COMMENT_MAX } from '@tiaojie/domain';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class RateCaseDto implements RateCaseRequest {
  @IsInt()
  @Min(1)
  @Max(5)
  score!: number;

  @IsOptional()
  @IsString()
  @MaxLength(RATING_COMMENT_MAX)
  comment?: string;
}
