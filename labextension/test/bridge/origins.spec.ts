import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { allowedOrigins } from '../../src/bridge/origins';

function settings(value: unknown): ISettingRegistry.ISettings {
  return {
    get: () => ({ composite: value })
  } as unknown as ISettingRegistry.ISettings;
}

test('entries are read as origins; others are skipped', () => {
  expect([
    ...allowedOrigins(
      settings([
        'https://lms.example.org/',
        ' https://lms.example.org/course/7 ',
        'http://127.0.0.1:8001',
        'lms.example.org',
        'javascript:alert(1)',
        '*',
        3
      ])
    )
  ]).toEqual(['https://lms.example.org', 'http://127.0.0.1:8001']);
});

test('no settings, or none set: the bridge is off', () => {
  expect(allowedOrigins(null).size).toBe(0);
  expect(allowedOrigins(settings([])).size).toBe(0);
  expect(allowedOrigins(settings('https://lms.example.org')).size).toBe(0);
});
