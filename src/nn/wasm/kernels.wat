;; The block tape's kernels in WebAssembly with 128-bit SIMD, written once
;; for both precisions: scripts/build-wasm.mjs instantiates the functions
;; below for float64 (f64x2, suffix 64) and float32 (f32x4, suffix 32) by
;; replacing {F} (f64 | f32), {V} (f64x2 | f32x4), {E} (log₂ of the value's
;; bytes: 3 | 2), {E2} ({E} − 2), {ES} (the value's bytes), {RUN} (values in
;; 64 bytes), {SUM x} (the sum of x's lanes) and {N} (64 | 32).
;;
;; Layout (every pointer a byte offset into the imported memory, every
;; buffer 16-byte aligned):
;;   a dense layer with n inputs and m units keeps Wᵀ, n rows of mp values
;;   (row i = input i's weights into every unit), where mp is m rounded up to
;;   whole vectors (2 float64 or 4 float32); its bias, outputs, f′ and
;;   adjoints are rows of mp values, one row per sample of the batch. The
;;   padding columns hold zeros and stay zero. A data batch is kept as each
;;   row's nonzero entries: col (i32) and val at row·n, nnz[row] of them.
;;
;; The loops run along a row of Wᵀ or of the batch, four or eight registers
;; (64 or 128 bytes) per pass, then one register at a time. Terms whose
;; input is exactly zero are skipped, as in the JavaScript kernels
;; (src/nn/block.ts). The gradient kernels write (=) every entry of their
;; output, so the gradient buffers need no clearing between steps.

(module
  (import "env" "mem" (memory 1))

  ;; @kernels (everything from here to the module's end is instantiated per precision)

  ;; Z[b, :] = bias + Σ_q val[q] Wᵀ[col[q], :] over the nonzero entries of each data row b;
  ;; sixteen columns (eight registers) per pass, then two
  (func (export "fwdSparse{N}")
    (param $wt i32) (param $bias i32) (param $col i32) (param $val i32) (param $nnz i32)
    (param $z i32) (param $B i32) (param $n i32) (param $mp i32)
    (local $b i32) (local $stride i32) (local $rc i32) (local $rv i32) (local $re i32)
    (local $zr i32) (local $j i32) (local $q i32) (local $w i32) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $stride (i32.shl (local.get $mp) (i32.const {E})))
    (loop $rows
      (local.set $rc (i32.add (local.get $col) (i32.shl (i32.mul (local.get $b) (local.get $n)) (i32.const 2))))
      (local.set $rv (i32.add (local.get $val) (i32.shl (i32.mul (local.get $b) (local.get $n)) (i32.const {E}))))
      (local.set $re (i32.add (local.get $rc)
        (i32.shl (i32.load (i32.add (local.get $nnz) (i32.shl (local.get $b) (i32.const 2)))) (i32.const 2))))
      (local.set $zr (i32.add (local.get $z) (i32.mul (local.get $b) (local.get $stride))))
      (local.set $j (i32.const 0))
      (block $end16 (loop $cols16
        (br_if $end16 (i32.gt_u (i32.add (local.get $j) (i32.const 128)) (local.get $stride)))
        (local.set $a0 (v128.load offset=0 (i32.add (local.get $bias) (local.get $j))))
        (local.set $a1 (v128.load offset=16 (i32.add (local.get $bias) (local.get $j))))
        (local.set $a2 (v128.load offset=32 (i32.add (local.get $bias) (local.get $j))))
        (local.set $a3 (v128.load offset=48 (i32.add (local.get $bias) (local.get $j))))
        (local.set $a4 (v128.load offset=64 (i32.add (local.get $bias) (local.get $j))))
        (local.set $a5 (v128.load offset=80 (i32.add (local.get $bias) (local.get $j))))
        (local.set $a6 (v128.load offset=96 (i32.add (local.get $bias) (local.get $j))))
        (local.set $a7 (v128.load offset=112 (i32.add (local.get $bias) (local.get $j))))
        (local.set $q (local.get $rc))
        (block $endq (loop $nz
          (br_if $endq (i32.ge_u (local.get $q) (local.get $re)))
          (local.set $v ({V}.splat ({F}.load (i32.add (local.get $rv) (i32.shl (i32.sub (local.get $q) (local.get $rc)) (i32.const {E2}))))))
          (local.set $w (i32.add (i32.add (local.get $wt) (i32.mul (i32.load (local.get $q)) (local.get $stride))) (local.get $j)))
          (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (local.get $v) (v128.load offset=0 (local.get $w)))))
          (local.set $a1 ({V}.add (local.get $a1) ({V}.mul (local.get $v) (v128.load offset=16 (local.get $w)))))
          (local.set $a2 ({V}.add (local.get $a2) ({V}.mul (local.get $v) (v128.load offset=32 (local.get $w)))))
          (local.set $a3 ({V}.add (local.get $a3) ({V}.mul (local.get $v) (v128.load offset=48 (local.get $w)))))
          (local.set $a4 ({V}.add (local.get $a4) ({V}.mul (local.get $v) (v128.load offset=64 (local.get $w)))))
          (local.set $a5 ({V}.add (local.get $a5) ({V}.mul (local.get $v) (v128.load offset=80 (local.get $w)))))
          (local.set $a6 ({V}.add (local.get $a6) ({V}.mul (local.get $v) (v128.load offset=96 (local.get $w)))))
          (local.set $a7 ({V}.add (local.get $a7) ({V}.mul (local.get $v) (v128.load offset=112 (local.get $w)))))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br $nz)))
        (v128.store offset=0 (i32.add (local.get $zr) (local.get $j)) (local.get $a0))
        (v128.store offset=16 (i32.add (local.get $zr) (local.get $j)) (local.get $a1))
        (v128.store offset=32 (i32.add (local.get $zr) (local.get $j)) (local.get $a2))
        (v128.store offset=48 (i32.add (local.get $zr) (local.get $j)) (local.get $a3))
        (v128.store offset=64 (i32.add (local.get $zr) (local.get $j)) (local.get $a4))
        (v128.store offset=80 (i32.add (local.get $zr) (local.get $j)) (local.get $a5))
        (v128.store offset=96 (i32.add (local.get $zr) (local.get $j)) (local.get $a6))
        (v128.store offset=112 (i32.add (local.get $zr) (local.get $j)) (local.get $a7))
        (local.set $j (i32.add (local.get $j) (i32.const 128)))
        (br $cols16)))
      (block $end2 (loop $cols2
        (br_if $end2 (i32.ge_u (local.get $j) (local.get $stride)))
        (local.set $a0 (v128.load (i32.add (local.get $bias) (local.get $j))))
        (local.set $q (local.get $rc))
        (block $endq (loop $nz
          (br_if $endq (i32.ge_u (local.get $q) (local.get $re)))
          (local.set $v ({V}.splat ({F}.load (i32.add (local.get $rv) (i32.shl (i32.sub (local.get $q) (local.get $rc)) (i32.const {E2}))))))
          (local.set $w (i32.add (i32.add (local.get $wt) (i32.mul (i32.load (local.get $q)) (local.get $stride))) (local.get $j)))
          (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (local.get $v) (v128.load (local.get $w)))))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br $nz)))
        (v128.store (i32.add (local.get $zr) (local.get $j)) (local.get $a0))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $cols2)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $b) (local.get $B)))))

  ;; Z[b, :] = bias + Σ_{i < n, X[b,i] ≠ 0} X[b, i] Wᵀ[i, :]; rows of X are np values apart
  (func (export "fwdDense{N}")
    (param $wt i32) (param $bias i32) (param $x i32) (param $z i32)
    (param $B i32) (param $n i32) (param $np i32) (param $mp i32)
    (local $b i32) (local $stride i32) (local $xr i32) (local $xe i32) (local $p i32)
    (local $zr i32) (local $j i32) (local $w i32) (local $s {F}) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $stride (i32.shl (local.get $mp) (i32.const {E})))
    (loop $rows
      (local.set $xr (i32.add (local.get $x) (i32.shl (i32.mul (local.get $b) (local.get $np)) (i32.const {E}))))
      (local.set $xe (i32.add (local.get $xr) (i32.shl (local.get $n) (i32.const {E}))))
      (local.set $zr (i32.add (local.get $z) (i32.mul (local.get $b) (local.get $stride))))
      (local.set $j (i32.const 0))
      (block $end8 (loop $cols8
        (br_if $end8 (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $stride)))
        (local.set $a0 (v128.load offset=0 (i32.add (local.get $bias) (local.get $j))))
        (local.set $a1 (v128.load offset=16 (i32.add (local.get $bias) (local.get $j))))
        (local.set $a2 (v128.load offset=32 (i32.add (local.get $bias) (local.get $j))))
        (local.set $a3 (v128.load offset=48 (i32.add (local.get $bias) (local.get $j))))
        (local.set $p (local.get $xr))
        (local.set $w (i32.add (local.get $wt) (local.get $j)))
        (block $endi (loop $in
          (br_if $endi (i32.ge_u (local.get $p) (local.get $xe)))
          (local.set $s ({F}.load (local.get $p)))
          (if ({F}.ne (local.get $s) ({F}.const 0)) (then
            (local.set $v ({V}.splat (local.get $s)))
            (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (local.get $v) (v128.load offset=0 (local.get $w)))))
            (local.set $a1 ({V}.add (local.get $a1) ({V}.mul (local.get $v) (v128.load offset=16 (local.get $w)))))
            (local.set $a2 ({V}.add (local.get $a2) ({V}.mul (local.get $v) (v128.load offset=32 (local.get $w)))))
            (local.set $a3 ({V}.add (local.get $a3) ({V}.mul (local.get $v) (v128.load offset=48 (local.get $w)))))))
          (local.set $p (i32.add (local.get $p) (i32.const {ES})))
          (local.set $w (i32.add (local.get $w) (local.get $stride)))
          (br $in)))
        (v128.store offset=0 (i32.add (local.get $zr) (local.get $j)) (local.get $a0))
        (v128.store offset=16 (i32.add (local.get $zr) (local.get $j)) (local.get $a1))
        (v128.store offset=32 (i32.add (local.get $zr) (local.get $j)) (local.get $a2))
        (v128.store offset=48 (i32.add (local.get $zr) (local.get $j)) (local.get $a3))
        (local.set $j (i32.add (local.get $j) (i32.const 64)))
        (br $cols8)))
      (block $end2 (loop $cols2
        (br_if $end2 (i32.ge_u (local.get $j) (local.get $stride)))
        (local.set $a0 (v128.load (i32.add (local.get $bias) (local.get $j))))
        (local.set $p (local.get $xr))
        (local.set $w (i32.add (local.get $wt) (local.get $j)))
        (block $endi (loop $in
          (br_if $endi (i32.ge_u (local.get $p) (local.get $xe)))
          (local.set $s ({F}.load (local.get $p)))
          (if ({F}.ne (local.get $s) ({F}.const 0)) (then
            (local.set $a0 ({V}.add (local.get $a0) ({V}.mul ({V}.splat (local.get $s)) (v128.load (local.get $w)))))))
          (local.set $p (i32.add (local.get $p) (i32.const {ES})))
          (local.set $w (i32.add (local.get $w) (local.get $stride)))
          (br $in)))
        (v128.store (i32.add (local.get $zr) (local.get $j)) (local.get $a0))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $cols2)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $b) (local.get $B)))))

  ;; A piecewise-linear activation in place: y = above·z for z > 0, below·z + 0 for z ≤ 0
  ;; (so +0, not −0), exactly 0 for z ≤ 0 when below is 0 (relu(−∞) = 0), NaN for NaN;
  ;; and D = the slope of z's side (below at 0 and for NaN). count even
  (func (export "activate{N}") (param $z i32) (param $d i32) (param $count i32) (param $below {F}) (param $above {F})
    (local $end i32) (local $x v128) (local $gt v128) (local $lo v128) (local $hi v128) (local $zero v128) (local $flat v128)
    (local.set $lo ({V}.splat (local.get $below)))
    (local.set $hi ({V}.splat (local.get $above)))
    (local.set $zero ({V}.splat ({F}.const 0)))
    ;; all ones when the side below 0 is flat
    (local.set $flat ({V}.eq (local.get $lo) (local.get $zero)))
    (local.set $end (i32.add (local.get $z) (i32.shl (local.get $count) (i32.const {E}))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $z) (local.get $end)))
      (local.set $x (v128.load (local.get $z)))
      (local.set $gt ({V}.gt (local.get $x) (local.get $zero)))
      (v128.store (local.get $z) (v128.bitselect
        ({V}.mul (local.get $x) (local.get $hi))
        (v128.bitselect
          (local.get $zero)
          ({V}.add ({V}.mul (local.get $x) (local.get $lo)) (local.get $zero))
          (v128.and (local.get $flat) ({V}.le (local.get $x) (local.get $zero))))
        (local.get $gt)))
      (v128.store (local.get $d) (v128.bitselect (local.get $hi) (local.get $lo) (local.get $gt)))
      (local.set $z (i32.add (local.get $z) (i32.const 16)))
      (local.set $d (i32.add (local.get $d) (i32.const 16)))
      (br $l))))

  ;; a ← a ⊙ d over count values (count even)
  (func (export "mulInPlace{N}") (param $a i32) (param $d i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $count) (i32.const {E}))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
      (v128.store (local.get $a) ({V}.mul (v128.load (local.get $a)) (v128.load (local.get $d))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $d (i32.add (local.get $d) (i32.const 16)))
      (br $l))))

  ;; gb[:] = Σ_b dz[b, :], rows of mp values
  (func (export "colSum{N}") (param $dz i32) (param $gb i32) (param $B i32) (param $mp i32)
    (local $stride i32) (local $j i32) (local $p i32) (local $e i32) (local $a v128)
    (local.set $stride (i32.shl (local.get $mp) (i32.const {E})))
    (local.set $e (i32.add (local.get $dz) (i32.mul (local.get $B) (local.get $stride))))
    (block $done (loop $cols
      (br_if $done (i32.ge_u (local.get $j) (local.get $stride)))
      (local.set $a ({V}.splat ({F}.const 0)))
      (local.set $p (i32.add (local.get $dz) (local.get $j)))
      (block $endb (loop $rows
        (br_if $endb (i32.ge_u (local.get $p) (local.get $e)))
        (local.set $a ({V}.add (local.get $a) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $rows)))
      (v128.store (i32.add (local.get $gb) (local.get $j)) (local.get $a))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $cols))))

  ;; Wᵀ̄[c, :] = Σ_t cval[t] dz[crow[t], :] over the entries of input column c, t in cstart[c] … cstart[c+1]
  ;; (the batch's nonzeros by column, rows in increasing order: see `columns`); every row of Wᵀ̄ is written
  (func (export "gradWeightsSparse{N}")
    (param $gwt i32) (param $dz i32) (param $cstart i32) (param $crow i32) (param $cval i32) (param $n i32) (param $mp i32)
    (local $c i32) (local $stride i32) (local $ts i32) (local $te i32) (local $t i32) (local $g i32) (local $j i32)
    (local $d i32) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $stride (i32.shl (local.get $mp) (i32.const {E})))
    (block $done (loop $cols
      (br_if $done (i32.ge_u (local.get $c) (local.get $n)))
      (local.set $ts (i32.load (i32.add (local.get $cstart) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $te (i32.load offset=4 (i32.add (local.get $cstart) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $g (i32.add (local.get $gwt) (i32.mul (local.get $c) (local.get $stride))))
      (local.set $j (i32.const 0))
      (block $end8 (loop $cols8
        (br_if $end8 (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $stride)))
        (local.set $a0 ({V}.splat ({F}.const 0)))
        (local.set $a1 (local.get $a0))
        (local.set $a2 (local.get $a0))
        (local.set $a3 (local.get $a0))
        (local.set $t (local.get $ts))
        (block $endt (loop $ent
          (br_if $endt (i32.ge_u (local.get $t) (local.get $te)))
          (local.set $v ({V}.splat ({F}.load (i32.add (local.get $cval) (i32.shl (local.get $t) (i32.const {E}))))))
          (local.set $d (i32.add (i32.add (local.get $dz) (i32.mul (i32.load (i32.add (local.get $crow) (i32.shl (local.get $t) (i32.const 2)))) (local.get $stride))) (local.get $j)))
          (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (local.get $v) (v128.load offset=0 (local.get $d)))))
          (local.set $a1 ({V}.add (local.get $a1) ({V}.mul (local.get $v) (v128.load offset=16 (local.get $d)))))
          (local.set $a2 ({V}.add (local.get $a2) ({V}.mul (local.get $v) (v128.load offset=32 (local.get $d)))))
          (local.set $a3 ({V}.add (local.get $a3) ({V}.mul (local.get $v) (v128.load offset=48 (local.get $d)))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $ent)))
        (v128.store offset=0 (i32.add (local.get $g) (local.get $j)) (local.get $a0))
        (v128.store offset=16 (i32.add (local.get $g) (local.get $j)) (local.get $a1))
        (v128.store offset=32 (i32.add (local.get $g) (local.get $j)) (local.get $a2))
        (v128.store offset=48 (i32.add (local.get $g) (local.get $j)) (local.get $a3))
        (local.set $j (i32.add (local.get $j) (i32.const 64)))
        (br $cols8)))
      (block $end2 (loop $cols2
        (br_if $end2 (i32.ge_u (local.get $j) (local.get $stride)))
        (local.set $a0 ({V}.splat ({F}.const 0)))
        (local.set $t (local.get $ts))
        (block $endt (loop $ent
          (br_if $endt (i32.ge_u (local.get $t) (local.get $te)))
          (local.set $d (i32.add (i32.add (local.get $dz) (i32.mul (i32.load (i32.add (local.get $crow) (i32.shl (local.get $t) (i32.const 2)))) (local.get $stride))) (local.get $j)))
          (local.set $a0 ({V}.add (local.get $a0)
            ({V}.mul ({V}.splat ({F}.load (i32.add (local.get $cval) (i32.shl (local.get $t) (i32.const {E}))))) (v128.load (local.get $d)))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $ent)))
        (v128.store (i32.add (local.get $g) (local.get $j)) (local.get $a0))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $cols2)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $cols))))

  ;; The batch's nonzeros by input column (a counting sort of the rows' lists): column c's entries
  ;; are crow/cval[cstart[c] … cstart[c+1]], in increasing row order; cur is scratch for n values
  (func (export "columns{N}")
    (param $col i32) (param $val i32) (param $nnz i32) (param $B i32) (param $n i32)
    (param $cstart i32) (param $cur i32) (param $crow i32) (param $cval i32)
    (local $b i32) (local $q i32) (local $qe i32) (local $rc i32) (local $rv i32) (local $c i32) (local $p i32) (local $acc i32)
    (memory.fill (local.get $cstart) (i32.const 0) (i32.shl (i32.add (local.get $n) (i32.const 1)) (i32.const 2)))
    ;; counts, at cstart[c + 1]
    (local.set $b (i32.const 0))
    (loop $rows
      (local.set $rc (i32.add (local.get $col) (i32.shl (i32.mul (local.get $b) (local.get $n)) (i32.const 2))))
      (local.set $qe (i32.add (local.get $rc) (i32.shl (i32.load (i32.add (local.get $nnz) (i32.shl (local.get $b) (i32.const 2)))) (i32.const 2))))
      (local.set $q (local.get $rc))
      (block $endq (loop $nz
        (br_if $endq (i32.ge_u (local.get $q) (local.get $qe)))
        (local.set $p (i32.add (local.get $cstart) (i32.shl (i32.add (i32.load (local.get $q)) (i32.const 1)) (i32.const 2))))
        (i32.store (local.get $p) (i32.add (i32.load (local.get $p)) (i32.const 1)))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $nz)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $b) (local.get $B))))
    ;; starts: running sums; cur = a copy
    (local.set $c (i32.const 0))
    (local.set $acc (i32.const 0))
    (block $endc (loop $cs
      (br_if $endc (i32.gt_u (local.get $c) (local.get $n)))
      (local.set $p (i32.add (local.get $cstart) (i32.shl (local.get $c) (i32.const 2))))
      (local.set $acc (i32.add (local.get $acc) (i32.load (local.get $p))))
      (i32.store (local.get $p) (local.get $acc))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $cs)))
    (memory.copy (local.get $cur) (local.get $cstart) (i32.shl (local.get $n) (i32.const 2)))
    ;; entries, row by row
    (local.set $b (i32.const 0))
    (loop $rows2
      (local.set $rc (i32.add (local.get $col) (i32.shl (i32.mul (local.get $b) (local.get $n)) (i32.const 2))))
      (local.set $rv (i32.add (local.get $val) (i32.shl (i32.mul (local.get $b) (local.get $n)) (i32.const {E}))))
      (local.set $qe (i32.add (local.get $rc) (i32.shl (i32.load (i32.add (local.get $nnz) (i32.shl (local.get $b) (i32.const 2)))) (i32.const 2))))
      (local.set $q (local.get $rc))
      (block $endq (loop $nz
        (br_if $endq (i32.ge_u (local.get $q) (local.get $qe)))
        (local.set $c (i32.add (local.get $cur) (i32.shl (i32.load (local.get $q)) (i32.const 2))))
        (local.set $p (i32.load (local.get $c)))
        (i32.store (local.get $c) (i32.add (local.get $p) (i32.const 1)))
        (i32.store (i32.add (local.get $crow) (i32.shl (local.get $p) (i32.const 2))) (local.get $b))
        ({F}.store (i32.add (local.get $cval) (i32.shl (local.get $p) (i32.const {E})))
          ({F}.load (i32.add (local.get $rv) (i32.shl (i32.sub (local.get $q) (local.get $rc)) (i32.const {E2})))))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $nz)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows2 (i32.lt_u (local.get $b) (local.get $B)))))

  ;; Rows idx[0 … B) of a stored sparse data set (row i's entries at scol/sval[start[i] … start[i+1]])
  ;; into the batch's lists: col/val at r·n, nnz[r] of them
  (func (export "gatherRows{N}")
    (param $idx i32) (param $B i32) (param $start i32) (param $scol i32) (param $sval i32)
    (param $col i32) (param $val i32) (param $nnz i32) (param $n i32)
    (local $r i32) (local $i i32) (local $s i32) (local $k i32)
    (loop $rows
      (local.set $i (i32.load (i32.add (local.get $idx) (i32.shl (local.get $r) (i32.const 2)))))
      (local.set $s (i32.load (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $k (i32.sub (i32.load offset=4 (i32.add (local.get $start) (i32.shl (local.get $i) (i32.const 2)))) (local.get $s)))
      (memory.copy (i32.add (local.get $col) (i32.shl (i32.mul (local.get $r) (local.get $n)) (i32.const 2)))
        (i32.add (local.get $scol) (i32.shl (local.get $s) (i32.const 2))) (i32.shl (local.get $k) (i32.const 2)))
      (memory.copy (i32.add (local.get $val) (i32.shl (i32.mul (local.get $r) (local.get $n)) (i32.const {E})))
        (i32.add (local.get $sval) (i32.shl (local.get $s) (i32.const {E}))) (i32.shl (local.get $k) (i32.const {E})))
      (i32.store (i32.add (local.get $nnz) (i32.shl (local.get $r) (i32.const 2))) (local.get $k))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $r) (local.get $B)))))

  ;; Wᵀ̄[i, :] = Σ_b X[b, i] dz[b, :] over the nonzero X[b, i], for i < n; rows of X np apart
  (func (export "gradWeightsDense{N}")
    (param $gwt i32) (param $dz i32) (param $x i32) (param $B i32) (param $n i32) (param $np i32) (param $mp i32)
    (local $i i32) (local $stride i32) (local $xstride i32) (local $g i32) (local $j i32)
    (local $p i32) (local $pe i32) (local $d i32) (local $s {F}) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $stride (i32.shl (local.get $mp) (i32.const {E})))
    (local.set $xstride (i32.shl (local.get $np) (i32.const {E})))
    (block $done (loop $inputs
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $g (i32.add (local.get $gwt) (i32.mul (local.get $i) (local.get $stride))))
      (local.set $pe (i32.add (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const {E}))) (i32.mul (local.get $B) (local.get $xstride))))
      (local.set $j (i32.const 0))
      (block $end8 (loop $cols8
        (br_if $end8 (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $stride)))
        (local.set $a0 ({V}.splat ({F}.const 0)))
        (local.set $a1 (local.get $a0))
        (local.set $a2 (local.get $a0))
        (local.set $a3 (local.get $a0))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const {E}))))
        (local.set $d (i32.add (local.get $dz) (local.get $j)))
        (block $endb (loop $rows
          (br_if $endb (i32.ge_u (local.get $p) (local.get $pe)))
          (local.set $s ({F}.load (local.get $p)))
          (if ({F}.ne (local.get $s) ({F}.const 0)) (then
            (local.set $v ({V}.splat (local.get $s)))
            (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (local.get $v) (v128.load offset=0 (local.get $d)))))
            (local.set $a1 ({V}.add (local.get $a1) ({V}.mul (local.get $v) (v128.load offset=16 (local.get $d)))))
            (local.set $a2 ({V}.add (local.get $a2) ({V}.mul (local.get $v) (v128.load offset=32 (local.get $d)))))
            (local.set $a3 ({V}.add (local.get $a3) ({V}.mul (local.get $v) (v128.load offset=48 (local.get $d)))))))
          (local.set $p (i32.add (local.get $p) (local.get $xstride)))
          (local.set $d (i32.add (local.get $d) (local.get $stride)))
          (br $rows)))
        (v128.store offset=0 (i32.add (local.get $g) (local.get $j)) (local.get $a0))
        (v128.store offset=16 (i32.add (local.get $g) (local.get $j)) (local.get $a1))
        (v128.store offset=32 (i32.add (local.get $g) (local.get $j)) (local.get $a2))
        (v128.store offset=48 (i32.add (local.get $g) (local.get $j)) (local.get $a3))
        (local.set $j (i32.add (local.get $j) (i32.const 64)))
        (br $cols8)))
      (block $end2 (loop $cols2
        (br_if $end2 (i32.ge_u (local.get $j) (local.get $stride)))
        (local.set $a0 ({V}.splat ({F}.const 0)))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const {E}))))
        (local.set $d (i32.add (local.get $dz) (local.get $j)))
        (block $endb (loop $rows
          (br_if $endb (i32.ge_u (local.get $p) (local.get $pe)))
          (local.set $s ({F}.load (local.get $p)))
          (if ({F}.ne (local.get $s) ({F}.const 0)) (then
            (local.set $a0 ({V}.add (local.get $a0) ({V}.mul ({V}.splat (local.get $s)) (v128.load (local.get $d)))))))
          (local.set $p (i32.add (local.get $p) (local.get $xstride)))
          (local.set $d (i32.add (local.get $d) (local.get $stride)))
          (br $rows)))
        (v128.store (i32.add (local.get $g) (local.get $j)) (local.get $a0))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $cols2)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $inputs))))

  ;; dX[b, i] = Σ_j dz[b, j] Wᵀ[i, j] for i < n, and 0 for n ≤ i < np
  (func (export "gradInput{N}")
    (param $wt i32) (param $dz i32) (param $dx i32) (param $B i32) (param $n i32) (param $np i32) (param $mp i32)
    (local $b i32) (local $i i32) (local $stride i32) (local $dr i32) (local $de i32) (local $w i32)
    (local $p i32) (local $out i32) (local $a0 v128) (local $a1 v128)
    (local.set $stride (i32.shl (local.get $mp) (i32.const {E})))
    (loop $rows
      (local.set $dr (i32.add (local.get $dz) (i32.mul (local.get $b) (local.get $stride))))
      (local.set $de (i32.add (local.get $dr) (local.get $stride)))
      (local.set $out (i32.add (local.get $dx) (i32.shl (i32.mul (local.get $b) (local.get $np)) (i32.const {E}))))
      (local.set $i (i32.const 0))
      (local.set $w (local.get $wt))
      (block $endi (loop $in
        (br_if $endi (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a0 ({V}.splat ({F}.const 0)))
        (local.set $a1 ({V}.splat ({F}.const 0)))
        (local.set $p (local.get $dr))
        (block $endj (loop $cols
          (br_if $endj (i32.ge_u (i32.add (local.get $p) (i32.const 16)) (local.get $de)))
          (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (v128.load offset=0 (local.get $p)) (v128.load offset=0 (local.get $w)))))
          (local.set $a1 ({V}.add (local.get $a1) ({V}.mul (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $w)))))
          (local.set $p (i32.add (local.get $p) (i32.const 32)))
          (local.set $w (i32.add (local.get $w) (i32.const 32)))
          (br $cols)))
        (if (i32.lt_u (local.get $p) (local.get $de)) (then
          (local.set $a0 ({V}.add (local.get $a0) ({V}.mul (v128.load (local.get $p)) (v128.load (local.get $w)))))
          (local.set $w (i32.add (local.get $w) (i32.const 16)))))
        (local.set $a0 ({V}.add (local.get $a0) (local.get $a1)))
        ({F}.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const {E})))
          {SUM $a0})
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $in)))
      (block $endp (loop $pad
        (br_if $endp (i32.ge_u (local.get $i) (local.get $np)))
        ({F}.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const {E}))) ({F}.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pad)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $b) (local.get $B)))))

  ;; The nonzero entries of each of B rows of n values: col/val at row·n, nnz[row] of them;
  ;; runs of eight zeros are passed over at once
  (func (export "sparsify{N}") (param $x i32) (param $B i32) (param $n i32) (param $col i32) (param $val i32) (param $nnz i32)
    (local $b i32) (local $i i32) (local $k i32) (local $s {F}) (local $c i32) (local $v i32) (local $stop i32)
    (loop $rows
      (local.set $k (i32.const 0))
      (local.set $c (i32.add (local.get $col) (i32.shl (i32.mul (local.get $b) (local.get $n)) (i32.const 2))))
      (local.set $v (i32.add (local.get $val) (i32.shl (i32.mul (local.get $b) (local.get $n)) (i32.const {E}))))
      (local.set $i (i32.const 0))
      (block $endi (loop $in
        (br_if $endi (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.and (i32.le_u (i32.add (local.get $i) (i32.const {RUN})) (local.get $n))
              (i32.eqz (v128.any_true (v128.or
                (v128.or (v128.load offset=0 (local.get $x)) (v128.load offset=16 (local.get $x)))
                (v128.or (v128.load offset=32 (local.get $x)) (v128.load offset=48 (local.get $x)))))))
          (then
            (local.set $x (i32.add (local.get $x) (i32.const 64)))
            (local.set $i (i32.add (local.get $i) (i32.const {RUN})))
            (br $in)))
        ;; (+0 only: −0 has its sign bit set and is looked at one by one, where it counts as zero)
        (local.set $stop (select (i32.add (local.get $i) (i32.const {RUN})) (local.get $n) (i32.le_u (i32.add (local.get $i) (i32.const {RUN})) (local.get $n))))
        (block $endr (loop $run
          (br_if $endr (i32.ge_u (local.get $i) (local.get $stop)))
          (local.set $s ({F}.load (local.get $x)))
          (if ({F}.ne (local.get $s) ({F}.const 0)) (then
            (i32.store (i32.add (local.get $c) (i32.shl (local.get $k) (i32.const 2))) (local.get $i))
            ({F}.store (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const {E}))) (local.get $s))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))))
          (local.set $x (i32.add (local.get $x) (i32.const {ES})))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $run)))
        (br $in)))
      (i32.store (i32.add (local.get $nnz) (i32.shl (local.get $b) (i32.const 2))) (local.get $k))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $b) (local.get $B)))))

  ;; Each batch row translated as an image of width × height pixels, row-major: its entry at
  ;; pixel (r, c) moves to (r + dy, c + dx) and is dropped if that falls outside; shifts[2b] and
  ;; shifts[2b + 1] are row b's dx and dy; rowOf[c] = c ÷ width for every column c
  (func (export "shiftRows{N}")
    (param $col i32) (param $val i32) (param $nnz i32) (param $B i32) (param $n i32)
    (param $width i32) (param $height i32) (param $shifts i32) (param $rowOf i32)
    (local $b i32) (local $dx i32) (local $dy i32) (local $rc i32) (local $rv i32) (local $q i32) (local $qe i32)
    (local $k i32) (local $c i32) (local $r i32) (local $nr i32) (local $nc i32)
    (loop $rows
      (local.set $dx (i32.load (i32.add (local.get $shifts) (i32.shl (local.get $b) (i32.const 3)))))
      (local.set $dy (i32.load offset=4 (i32.add (local.get $shifts) (i32.shl (local.get $b) (i32.const 3)))))
      (if (i32.or (local.get $dx) (local.get $dy)) (then
        (local.set $rc (i32.add (local.get $col) (i32.shl (i32.mul (local.get $b) (local.get $n)) (i32.const 2))))
        (local.set $rv (i32.add (local.get $val) (i32.shl (i32.mul (local.get $b) (local.get $n)) (i32.const {E}))))
        (local.set $qe (i32.load (i32.add (local.get $nnz) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $q (i32.const 0))
        (local.set $k (i32.const 0))
        (block $endq (loop $nz
          (br_if $endq (i32.ge_u (local.get $q) (local.get $qe)))
          (local.set $c (i32.load (i32.add (local.get $rc) (i32.shl (local.get $q) (i32.const 2)))))
          (local.set $r (i32.load (i32.add (local.get $rowOf) (i32.shl (local.get $c) (i32.const 2)))))
          (local.set $nr (i32.add (local.get $r) (local.get $dy)))
          (local.set $nc (i32.add (i32.sub (local.get $c) (i32.mul (local.get $r) (local.get $width))) (local.get $dx)))
          ;; unsigned compares: a negative row or column is out of range too
          (if (i32.and (i32.lt_u (local.get $nr) (local.get $height)) (i32.lt_u (local.get $nc) (local.get $width))) (then
            (i32.store (i32.add (local.get $rc) (i32.shl (local.get $k) (i32.const 2)))
              (i32.add (i32.mul (local.get $nr) (local.get $width)) (local.get $nc)))
            ({F}.store (i32.add (local.get $rv) (i32.shl (local.get $k) (i32.const {E})))
              ({F}.load (i32.add (local.get $rv) (i32.shl (local.get $q) (i32.const {E})))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br $nz)))
        (i32.store (i32.add (local.get $nnz) (i32.shl (local.get $b) (i32.const 2))) (local.get $k))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $b) (local.get $B)))))

  ;; Optimizers (src/nn/optim.ts), the same operations in the same order. count even.

  ;; x ← x − α dx
  (func (export "sgd{N}") (param $p i32) (param $g i32) (param $count i32) (param $lr {F})
    (local $end i32) (local $a v128)
    (local.set $a ({V}.splat (local.get $lr)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $count) (i32.const {E}))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (v128.store (local.get $p) ({V}.sub (v128.load (local.get $p)) ({V}.mul (local.get $a) (v128.load (local.get $g)))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (br $l))))

  ;; v ← βv − α dx, x ← x + v
  (func (export "momentum{N}") (param $p i32) (param $g i32) (param $v i32) (param $count i32) (param $lr {F}) (param $beta {F})
    (local $end i32) (local $a v128) (local $bt v128) (local $vi v128)
    (local.set $a ({V}.splat (local.get $lr)))
    (local.set $bt ({V}.splat (local.get $beta)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $count) (i32.const {E}))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $vi ({V}.sub ({V}.mul (local.get $bt) (v128.load (local.get $v))) ({V}.mul (local.get $a) (v128.load (local.get $g)))))
      (v128.store (local.get $v) (local.get $vi))
      (v128.store (local.get $p) ({V}.add (v128.load (local.get $p)) (local.get $vi)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (br $l))))

  ;; v ← β₁v + (1 − β₁)dx, s ← β₂s + (1 − β₂)dx⊙dx, x ← x − (α/c₁)v/√(s/c₂ + ε)
  (func (export "adam{N}") (param $p i32) (param $g i32) (param $v i32) (param $s i32) (param $count i32)
    (param $b1 {F}) (param $d1 {F}) (param $b2 {F}) (param $d2 {F}) (param $ac {F}) (param $ic2 {F}) (param $eps {F})
    (local $end i32) (local $B1 v128) (local $D1 v128) (local $B2 v128) (local $D2 v128) (local $AC v128) (local $IC v128) (local $E v128)
    (local $gi v128) (local $vi v128) (local $si v128)
    (local.set $B1 ({V}.splat (local.get $b1)))
    (local.set $D1 ({V}.splat (local.get $d1)))
    (local.set $B2 ({V}.splat (local.get $b2)))
    (local.set $D2 ({V}.splat (local.get $d2)))
    (local.set $AC ({V}.splat (local.get $ac)))
    (local.set $IC ({V}.splat (local.get $ic2)))
    (local.set $E ({V}.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $count) (i32.const {E}))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $gi (v128.load (local.get $g)))
      (local.set $vi ({V}.add ({V}.mul (local.get $B1) (v128.load (local.get $v))) ({V}.mul (local.get $D1) (local.get $gi))))
      (local.set $si ({V}.add ({V}.mul (local.get $B2) (v128.load (local.get $s))) ({V}.mul ({V}.mul (local.get $D2) (local.get $gi)) (local.get $gi))))
      (v128.store (local.get $v) (local.get $vi))
      (v128.store (local.get $s) (local.get $si))
      (v128.store (local.get $p) ({V}.sub (v128.load (local.get $p))
        ({V}.div ({V}.mul (local.get $AC) (local.get $vi))
          ({V}.sqrt ({V}.add ({V}.mul (local.get $si) (local.get $IC)) (local.get $E))))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $v (i32.add (local.get $v) (i32.const 16)))
      (local.set $s (i32.add (local.get $s) (i32.const 16)))
      (br $l))))

  ;; L2 weight decay: dx ← dx + (2λ)x; returns Σx²
  (func (export "l2{N}") (param $p i32) (param $g i32) (param $count i32) (param $lam2 {F}) (result {F})
    (local $end i32) (local $l v128) (local $x v128) (local $acc v128)
    (local.set $l ({V}.splat (local.get $lam2)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $count) (i32.const {E}))))
    (block $done (loop $lp
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $x (v128.load (local.get $p)))
      (local.set $acc ({V}.add (local.get $acc) ({V}.mul (local.get $x) (local.get $x))))
      (v128.store (local.get $g) ({V}.add (v128.load (local.get $g)) ({V}.mul (local.get $l) (local.get $x))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (br $lp)))
    {SUM $acc})
)
