import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { trim } from './transforms';

/**
 * One property decorator made of several, listed in the order they would stand above the
 * property. They apply bottom first, as a written stack does, so class-validator checks and
 * reports the constraints in the same order as the stack it replaces.
 */
export const fieldRules = (...decorators: PropertyDecorator[]): PropertyDecorator => applyDecorators(...decorators.reverse());

/** A required text, trimmed before it is checked: blank is refused, as is one over `max`. */
export const RequiredText = (max: number) => fieldRules(ApiProperty({ maxLength: max }), Transform(trim), IsString(), IsNotEmpty(), MaxLength(max));

/** An optional text, trimmed before it is checked, up to `max`. */
export const OptionalText = (max: number) => fieldRules(ApiPropertyOptional({ maxLength: max }), IsOptional(), Transform(trim), IsString(), MaxLength(max));

/** An optional object of another DTO, validated as that DTO. */
export const OptionalNested = (type: new () => object) =>
  fieldRules(
    ApiPropertyOptional({ type }),
    IsOptional(),
    ValidateNested(),
    Type(() => type),
  );
