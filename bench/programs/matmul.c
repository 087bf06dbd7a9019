/* Dense matrix multiply in double precision: float loads, multiply-adds, strided access. */
#include "common.h"
#define N 512
static double a[N][N], b[N][N], c[N][N];

int main(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { a[i][j] = (double)(bench_random() % 1000) / 7.0; b[i][j] = (double)(bench_random() % 1000) / 13.0; }
    double total = 0;
    for (int round = 0; round < 40; round++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) c[i][j] = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double aik = a[i][k];
                for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
            }
        for (int i = 0; i < N; i++) total += c[i][(i * 7 + round) % N];
        a[round][round] += 1.0;
    }
    bench_print("matmul", (uint64_t)total);
    return 0;
}
