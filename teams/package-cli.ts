import { buildPackage, PackageError, packageSettings } from './appPackage';

/** `npm run teams:package`: the Teams app package from the environment (see README, "Teams app package"). */
try {
  const { path, manifest } = buildPackage(packageSettings(process.env));
  process.stdout.write(`${path}\n  manifest ${String(manifest.manifestVersion)}, app ${String(manifest.id)}, valid against its schema\n`);
} catch (err) {
  if (!(err instanceof PackageError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
}
