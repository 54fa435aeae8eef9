// Physical sizing (ACCESSIBILITY.md V1–V4, KIOSK_UI.md "size in millimetres"): the layout's
// numbers are reference pixels of the 1920×1080 21.5" panel (0.248 mm per px); a panel of another
// pitch draws them at the same size in millimetres, so a 27" 4K panel shows the same finger-sized
// targets as a 21.5" 1080p one. Pure core: no SDL here.
#pragma once

namespace tx {

inline constexpr float kReferenceMmPerPx = 0.248f;  // 1920×1080 on 21.5"
// The minimums of ACCESSIBILITY.md, exactly its pixel numbers at the reference pitch.
inline constexpr float kMinTargetMm = 96 * kReferenceMmPerPx;  // V3: ≈ 24 mm
inline constexpr float kMinKeyMm = 120 * kReferenceMmPerPx;    // V3: keypad keys, ≈ 30 mm
inline constexpr float kMinGapMm = 16 * kReferenceMmPerPx;     // V3: between targets, ≈ 4 mm
inline constexpr float kMinRingMm = 6 * kReferenceMmPerPx;     // V4: focus ring, ≈ 1.5 mm
// V6: operable parts at most 1,220 mm from the floor; on the standard stand (a landscape panel's
// bottom edge at 1,050 mm) that is the panel's lowest 170 mm (Ui::reach_line).
inline constexpr float kReachBandMm = 170;

// The typical diagonal (inches) of a panel of this resolution as stations buy it (either
// orientation), 0 when the resolution is not in the table.
float typical_diagonal_in(int w, int h);
// Pitch (mm per px) of a w×h panel with this diagonal.
float pitch_of(int w, int h, float diagonal_in);
// The pitch assumed when neither --panel-mm-per-px nor [kiosk] panel_mm_per_px is given:
// the typical diagonal of the resolution (table in panel.cpp, docs/kiosk.md "Panel size"),
// the reference pitch for a resolution not in the table; never finer than the pitch at which a
// step (prompt, field, 3×4 keypad of 30 mm keys, bottom bar) still fits the panel's height.
float default_mm_per_px(int w, int h);
// Panel pixels per reference pixel.
inline float unit_of(float mm_per_px) { return kReferenceMmPerPx / mm_per_px; }

}  // namespace tx
