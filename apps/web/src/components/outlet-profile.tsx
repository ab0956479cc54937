import type { OutletMetadata } from '@parallax/api';
import { normalizeLean } from '@parallax/api';

/**
 * An outlet's user-supplied profile in one line: lean, owner and country, each rating with where it
 * comes from. An outlet without a readable lean says "unrated": Parallax never rates one itself.
 */
export function OutletProfileLine({
  metadata,
  country,
}: {
  metadata: OutletMetadata | null | undefined;
  country: string | null | undefined;
}) {
  const lean = normalizeLean(metadata?.lean);
  return (
    <p className="profile small">
      {lean ? (
        <span
          className={`lean-chip lean-${sideOf(lean)}`}
          title={metadata?.leanSource ? `Rating from ${metadata.leanSource}` : undefined}
        >
          {lean}
        </span>
      ) : (
        <span className="lean-chip lean-unrated">unrated</span>
      )}
      {lean && metadata?.leanSource ? <span className="muted">{` (${metadata.leanSource})`}</span> : null}
      {metadata?.owner ? ` · owner: ${metadata.owner}` : ''}
      {country ? ` · ${country}` : ''}
    </p>
  );
}

function sideOf(lean: string): string {
  return lean === 'centre' ? 'centre' : lean.endsWith('left') ? 'left' : 'right';
}
