// @ts-check
/**
 * A typedoc plugin: every exported declaration of janus-xstate and every member it declares (class,
 * interface, function, type alias, variable, enum, method, property, accessor, constructor) must carry a
 * TSDoc comment, or the docs build fails (as a validation warning, with `treatValidationWarningsAsErrors`).
 *
 * It replaces typedoc's own `validation.notDocumented`, which also asks for a comment on each member of an
 * anonymous type: the fields of an inline event type in a machine's `setup({ types })`, or the expanded
 * type of an inferred `actor` getter (thousands of them, none an export). Those are documented by the
 * named declaration that holds them.
 */
import { Application, ReflectionKind } from 'typedoc';

const REQUIRED =
  ReflectionKind.Class |
  ReflectionKind.Interface |
  ReflectionKind.TypeAlias |
  ReflectionKind.Variable |
  ReflectionKind.Function |
  ReflectionKind.Enum |
  ReflectionKind.EnumMember |
  ReflectionKind.Method |
  ReflectionKind.Property |
  ReflectionKind.Accessor |
  ReflectionKind.Constructor;

/** @param {import('typedoc').Reflection} reflection */
function insideAnonymousOrParameter(reflection) {
  for (let parent = reflection.parent; parent; parent = parent.parent) {
    if (parent.kindOf(ReflectionKind.TypeLiteral) || parent.kindOf(ReflectionKind.Parameter)) return true;
  }
  return false;
}

/** @param {import('typedoc').DeclarationReflection} reflection */
function documented(reflection) {
  if (reflection.hasComment()) return true;
  const signatures = [
    ...(reflection.signatures ?? []),
    ...(reflection.getSignature ? [reflection.getSignature] : []),
    ...(reflection.setSignature ? [reflection.setSignature] : []),
  ];
  return signatures.some((signature) => signature.hasComment());
}

/** @param {Application} app */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    for (const reflection of project.getReflectionsByKind(REQUIRED)) {
      if (insideAnonymousOrParameter(reflection)) continue;
      // Members inherited from outside the package (Error's `message`, EventEmitter's...) are theirs.
      const symbol = project.getSymbolIdFromReflection(reflection);
      if (!symbol || symbol.packageName !== project.packageName) continue;
      if (documented(/** @type {import('typedoc').DeclarationReflection} */ (reflection))) continue;
      app.logger.validationWarning(
        `${reflection.getFriendlyFullName()} (${ReflectionKind[reflection.kind]}), defined in ${symbol.packagePath}, has no TSDoc comment`,
      );
    }
  });
}
