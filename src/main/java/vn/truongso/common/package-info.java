/**
 * Small pieces every capability shares: problem+json errors, Vietnam time, the working-day calendar.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package vn.truongso.common;
