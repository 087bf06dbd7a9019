/* A bytecode interpreter loop: the indirect-branch-heavy core of every scripting VM. */
#include "common.h"
enum { PUSH, ADD, SUB, MUL, DUP, SWAP, JNZ, DEC, POP, HALT, XOR, SHL };

static int64_t run(const int32_t *code, int64_t counter) {
    int64_t stack[64];
    int sp = 0, pc = 0;
    stack[sp++] = counter;
    stack[sp++] = 1;
    for (;;) {
        int32_t op = code[pc++];
        switch (op) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] = (stack[sp - 1] * stack[sp]) & 0xFFFFFFFF; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHL: stack[sp - 1] = (stack[sp - 1] << 1) & 0xFFFFFFFF; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { int64_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } break;
        case DEC: stack[sp - 1]--; break;
        case POP: sp--; break;
        case JNZ: { int32_t target = code[pc++]; sp--; if (stack[sp] != 0) pc = target; } break;
        case HALT: return stack[sp - 1];
        }
    }
}

int main(void) {
    /* stack: counter acc. Each turn: acc = (acc * 31 + 7) ^ (acc << 1); counter--; halt with acc at zero. */
    static const int32_t loop[] = {
        /* 0 */ PUSH, 31, MUL, PUSH, 7, ADD, DUP, SHL, XOR,
        /* 9 */ SWAP, DEC, DUP, JNZ, 16, POP, HALT,
        /* 16 */ SWAP, PUSH, 1, JNZ, 0 };
    int64_t result = run(loop, 60000000);
    bench_print("interp", (uint64_t)result);
    return 0;
}
