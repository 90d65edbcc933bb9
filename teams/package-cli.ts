import { buildPackage, PackageError, packageSettings } from './appPackage';

/** `npm run teams:package`: the Teams app package from the environment (see README, "Teams app package"). */
try {
  const { path, manifest } = buildPackage(packageSettings(process.env));
  console.log(`${path}\n  manifest ${String(manifest.manifestVersion)}, app ${String(manifest.id)}, valid against its schema`);
} catch (err) {
  if (!(err instanceof PackageError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
