/**
 * Every number a finding depends on, in one place (DOMAIN.md, "Dark-pattern checks").
 * Changing one of these changes published results: say so in the changelog.
 */
export const THRESHOLDS = {
  /** WCAG 2.2 SC 2.5.8 (AA): a target at least 24×24 CSS px. */
  minTargetPx: 24,
  /** WCAG 1.4.3: normal text 4.5:1, large text 3:1. */
  textContrast: 4.5,
  largeTextContrast: 3,
  /** Large text: at least 24 px, or at least 18.66 px and bold (≥ 700). */
  largeTextPx: 24,
  largeBoldTextPx: 18.66,
  boldWeight: 700,
  /** WCAG 1.4.11: user-interface components 3:1 against adjacent colours. */
  nonTextContrast: 3,
  /** false-hierarchy: the accept action wins clearly on at least `hierarchyVotes` of these. */
  hierarchyArea: 4,
  hierarchyFont: 1.25,
  hierarchyContrast: 1.5,
  hierarchyVotes: 2,
  /** hidden: effective opacity below this counts as invisible. */
  minOpacity: 0.1,
  /** A box smaller than this in either dimension is not a visible control (sr-only inputs are 1 px). */
  minVisiblePx: 4,
  /** A stand-in for a visually hidden input is at most this large (a track, a box, a knob). */
  maxStandInPx: { width: 160, height: 80 },
  /** Fixed/sticky overlays smaller than this are not surfaces (floating buttons, toasts). */
  minSurfacePx: { width: 160, height: 60 },
  /** Text budget for the text that explains a control (its row), in characters. */
  maxRowText: 600,
  /** Text budget for a surface's text when classifying it and reading its deadline. */
  maxSurfaceText: 20_000,
} as const;
