// Preloaded into npm by scripts/check-platforms.mjs (`node --require`): npm then believes it
// runs on FAKE_PLATFORM/FAKE_ARCH. npm's own --os/--cpu flags are not enough: npm 11 applies
// them to optional dependencies only, while a non-optional package built for another platform
// is checked against the real process.platform/arch.
'use strict';
if (process.env.FAKE_PLATFORM) Object.defineProperty(process, 'platform', { value: process.env.FAKE_PLATFORM, enumerable: true });
if (process.env.FAKE_ARCH) Object.defineProperty(process, 'arch', { value: process.env.FAKE_ARCH, enumerable: true });
