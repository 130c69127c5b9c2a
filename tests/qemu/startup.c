/* Minimal Cortex-M startup for the QEMU firmwares and the footprint image:
 * a vector table, and a reset handler that turns the FPU on, copies .data,
 * zeroes .bss, runs the C++ constructors and calls main. The symbols come
 * from cmake/boards/cortex-m-sections.ld.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern uint32_t __stack_top;
extern uint32_t __data_start__, __data_end__, __data_load__;
extern uint32_t __bss_start__, __bss_end__;

extern void __libc_init_array(void);
extern int main(void);

/* The semihosting firmware overrides this to open the host's console. */
__attribute__((weak)) void board_init(void) {}

/* Faults end the program: a firmware that overrides this reports them. */
__attribute__((weak)) void Fault_Handler(void) {
  for (;;) {
  }
}

/* newlib's abort() raises SIGABRT through its signal emulation, which
 * allocates: a bare-metal image has no handler to run, so abort ends the
 * program directly and the heap stays out of the image. */
__attribute__((noreturn)) void abort(void) {
  _exit(134);
}

__attribute__((noreturn)) void Reset_Handler(void) {
  /* CPACR: full access to CP10/CP11 before any floating-point instruction
   * (the hard-float ABI uses them). */
  volatile uint32_t* cpacr = (volatile uint32_t*)0xE000ED88u;
  *cpacr |= 0xFu << 20;
  __asm volatile("dsb\n\tisb" ::: "memory");

  memcpy(&__data_start__, &__data_load__, (size_t)((char*)&__data_end__ - (char*)&__data_start__));
  memset(&__bss_start__, 0, (size_t)((char*)&__bss_end__ - (char*)&__bss_start__));

  board_init();
  __libc_init_array();
  exit(main());
}

/* Initial stack pointer, then the exception handlers (ARMv7-M/ARMv8-M ARM B1.5.3). */
__attribute__((section(".vectors"), used)) static void* const vector_table[16] = {
    &__stack_top,
    (void*)Reset_Handler,
    (void*)Fault_Handler, /* NMI */
    (void*)Fault_Handler, /* HardFault */
    (void*)Fault_Handler, /* MemManage */
    (void*)Fault_Handler, /* BusFault */
    (void*)Fault_Handler, /* UsageFault */
    (void*)Fault_Handler, /* SecureFault (ARMv8-M), reserved on ARMv7-M */
    0, 0, 0,
    (void*)Fault_Handler, /* SVCall */
    (void*)Fault_Handler, /* DebugMonitor */
    0,
    (void*)Fault_Handler, /* PendSV */
    (void*)Fault_Handler, /* SysTick */
};
