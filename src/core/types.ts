/** A dense row-major matrix: `data[i * cols + j]` is row i, column j. */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** What every `X` parameter accepts: a `Matrix` (float64 or float32 data) or rows of numbers. */
export type MatrixLike =
  | Matrix
  | { data: Float64Array | Float32Array | ArrayLike<number>; rows: number; cols: number }
  | readonly (readonly number[])[]
  | readonly ArrayLike<number>[];

/** A class label: a number or a string. */
export type Label = number | string;

/** What every `y` parameter accepts. */
export type LabelsLike = ArrayLike<number> | readonly string[];

/** Labels as returned: `Int32Array` for integer labels, `Float64Array` for other numbers, `string[]`. */
export type Labels = Int32Array | Float64Array | string[];
