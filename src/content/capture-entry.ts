/**
 * The evidence capture as its own script (CAPTURE_FILE): the background injects it into the
 * content script's isolated world when a capture starts, so pages where nobody captures never
 * carry it. Injected twice, it keeps the first factory.
 */
import { CAPTURE_GLOBAL } from '../shared/content-files';
import { createCaptureSession } from './capture-session';

const world = globalThis as unknown as Record<string, unknown>;
world[CAPTURE_GLOBAL] ??= createCaptureSession;
