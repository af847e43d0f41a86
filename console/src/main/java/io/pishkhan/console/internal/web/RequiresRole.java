package io.pishkhan.console.internal.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A view that needs a logged-in user with one of these roles (admins always pass). Views without it are public
 * (only the login view). Checked by {@link ConsoleUiInit} before every navigation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RequiresRole {
    String[] value();
}
