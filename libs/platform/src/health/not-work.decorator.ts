import { SetMetadata } from '@nestjs/common';

export const NOT_WORK = Symbol('zvonar.not-work');

/**
 * Marks a handler that is not work to drain and must answer while draining: the probes, so
 * the kubelet sees readiness go false instead of a refused request.
 */
export const NotWork = (): MethodDecorator & ClassDecorator => SetMetadata(NOT_WORK, true);
