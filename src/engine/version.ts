/** The engine's version, reported with every scan; kept equal to package.json by a unit test. */
export const ENGINE_VERSION = '0.1.0';
