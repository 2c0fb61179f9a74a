import { describe, expect, it } from 'vitest';
import { label, labelOptions, labels, valueOfLabel } from '../../../src/shared/labels';

describe('labels', () => {
  it('shows the Chinese names clerks know', () => {
    expect(label('caseCategory', 'dibao')).toBe('最低生活保障');
    expect(label('caseCategory', 'wurenfuyang')).toBe('事实无人抚养儿童');
    expect(label('area', 'rural')).toBe('农村');
    expect(label('role', 'clerk')).toBe('经办人');
    expect(label('careGrade', 'none')).toBe('全自理');
    expect(label('caseStatus', 'reviewing')).toBe('待审核确认');
    expect(label('caseStatus', 'stopped')).toBe('已停保');
    expect(label('labourCapacity', 'partial')).toBe('部分丧失劳动能力');
    expect(label('povertyCause', 'no_labour')).toBe('缺乏劳动力');
    expect(label('sex', 'F')).toBe('女');
    expect(label('relation', '户主')).toBe('户主');
  });

  it('shows empty for null and the raw value for something unknown', () => {
    expect(label('area', null)).toBe('');
    expect(label('area', undefined)).toBe('');
    expect(label('area', 'suburban')).toBe('suburban');
    expect(label('area', 'toString')).toBe('toString');
  });

  it('every category stored by the database has a label', () => {
    const dbCategories = [
      'dibao',
      'tekun',
      'bianyuan',
      'linshi',
      'gangxing',
      'canji_living',
      'canji_care',
      'guer',
      'wurenfuyang',
    ];
    expect(Object.keys(labels.caseCategory).sort()).toEqual([...dbCategories].sort());
  });

  it('lists options in table order and maps labels back to values', () => {
    expect(labelOptions('supportMode')).toEqual([
      { value: 'centralized', label: '集中供养' },
      { value: 'dispersed', label: '分散供养' },
    ]);
    expect(valueOfLabel('area', ' 城市 ')).toBe('urban');
    expect(valueOfLabel('area', 'rural')).toBe('rural');
    expect(valueOfLabel('linshiType', '支出型')).toBe('expenditure');
    expect(valueOfLabel('area', '郊区')).toBeNull();
  });
});
