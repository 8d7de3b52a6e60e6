import { describe, expect, it } from 'vitest';
import { parseForm } from '#local/aws-endpoint/ses-message.ts';

describe('the local SES endpoint reads a form body as URLSearchParams does', () => {
  it('gives the same pairs in order: escapes, plus signs, empty and repeated keys, bad escapes', () => {
    const raw = Buffer.from(`Subject: é\r\n\r\n${'x'.repeat(3000)}?>`).toString('base64');
    const bodies = [
      'Action=SendRawEmail&Source=a%40b.example&RawMessage.Data=' + encodeURIComponent(raw),
      'a=1&&b=2&', '=x&y=', 'k', 'a+b=c+d%2B%20e', 'x=%E3%81%82&x=again', 'é=ü&a=b=c',
      'bad=%E3%81', 'bad=%zz&ok=1', 'a=%',
    ];
    for (const body of bodies) {
      expect([...parseForm(body)], body.slice(0, 40)).toEqual([...new URLSearchParams(body)]);
    }
  });
});
