import { applyDecorators } from '@nestjs/common';

/**
 * One property decorator made of several, listed in the order they would stand above the
 * property. They apply bottom first, as a written stack does, so class-validator checks and
 * reports the constraints in the same order as the stack it replaces.
 */
export const fieldRules = (...decorators: PropertyDecorator[]): PropertyDecorator => applyDecorators(...decorators.reverse());
