// Vectorised float64 exp shared by the kernels whose rows each need one (SVC's RBF kernel rows,
// the logistic loss).

// exp of two float64 lanes: x = (k / 64) ln 2 + r (Cody-Waite, |r| <= ln 2 / 128), e^x =
// 2^(k >> 6) 2^((k & 63) / 64) e^r, with a table of 2^(j / 64) (correctly rounded) and e^r by its
// Taylor polynomial to degree 5 (truncation < 4e-17). Arguments are clamped to [-708, 709]
// (below, the float32 kernel value is 0 anyway).
const EXP_SHIFT: f64 = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer
const EXP_INV_STEP: f64 = 92.33248261689366; // 64 / ln 2
const EXP_STEP_HI: f64 = 0.01083042469326756; // ln 2 / 64, leading 32 bits
const EXP_STEP_LO: f64 = 2.9815858269852933e-12; // ln 2 / 64 - EXP_STEP_HI
const EXP_TABLE: StaticArray<f64> = [
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284,
  1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199,
  1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418,
  1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812,
  1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687,
  1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783,
  1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303,
  1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112,
  1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647,
  1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384,
  1.5422108254079407, 1.559004400237837, 1.5759808451078865, 1.593142151342267,
  1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364,
  1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062,
  1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989,
  1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656,
  1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951,
];

/** e^x in both lanes (relative error a few units in the last place). */
@inline
export function expF64x2(x: v128): v128 {
  x = f64x2.pmin(f64x2.pmax(x, f64x2.splat(-708.0)), f64x2.splat(709.0));
  const nf = f64x2.add(f64x2.mul(x, f64x2.splat(EXP_INV_STEP)), f64x2.splat(EXP_SHIFT));
  const kd = f64x2.sub(nf, f64x2.splat(EXP_SHIFT));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(kd, f64x2.splat(EXP_STEP_HI))), f64x2.mul(kd, f64x2.splat(EXP_STEP_LO)));
  const r2 = f64x2.mul(r, r);
  const q0 = f64x2.add(f64x2.splat(1.0), r);
  const q1 = f64x2.add(f64x2.splat(0.5), f64x2.mul(r, f64x2.splat(1.0 / 6.0)));
  const q2 = f64x2.add(f64x2.splat(1.0 / 24.0), f64x2.mul(r, f64x2.splat(1.0 / 120.0)));
  const p = f64x2.add(q0, f64x2.mul(r2, f64x2.add(q1, f64x2.mul(r2, q2))));
  // the low 6 bits of nf's mantissa are k & 63; k >> 6 goes to the exponent field of the table value
  const tab = changetype<usize>(EXP_TABLE);
  const j0 = <usize>(i64x2.extract_lane(nf, 0) & 63);
  const j1 = <usize>(i64x2.extract_lane(nf, 1) & 63);
  const t = f64x2.replace_lane(f64x2.splat(load<f64>(tab + (j0 << 3))), 1, load<f64>(tab + (j1 << 3)));
  const scaled = i64x2.add(t, i64x2.shl(i64x2.shr_s(nf, 6), 52));
  return f64x2.mul(scaled, p);
}

